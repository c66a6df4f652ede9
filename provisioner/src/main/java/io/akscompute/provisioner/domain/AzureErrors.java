package io.akscompute.provisioner.domain;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.saga.StepResult;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Azure's refusals of a cluster operation, said so that people know what to do. */
public final class AzureErrors {
    // How ARM names the quota in its messages: "exceeding approved Total Regional Cores quota",
    // "quota limits of Core", "quota for resource 'standardDv2Family'".
    private static final List<Pattern> QUOTA_NAME = List.of(
            Pattern.compile("(?i)approved\\s+(.+?)\\s+quota"),
            Pattern.compile("(?i)quota\\s+limits?\\s+(?:of|for)\\s+['\"]?([\\w -]+?)['\"]?[.,;]"),
            Pattern.compile("(?i)quota\\s+(?:for|of)\\s+(?:resource\\s+)?['\"]?([\\w -]+?)['\"]?(?:[.,;]|\\s|$)"));

    private AzureErrors() {
    }

    /** A failure Azure gave with this code and message, for an operation on {@code what}. */
    public static StepResult.Fail translate(String code, String message, String what) {
        String c = code == null ? "Unknown" : code;
        String m = message == null ? "" : message;
        List<Detail> details = List.of(new Detail("azure.code", c));
        if (c.equalsIgnoreCase("RequestDisallowedByPolicy")) {
            return new StepResult.Fail(ErrorCode.PolicyViolation, "an Azure Policy refused " + what + ": " + m
                    + ". AKS needs a public IP address for the cluster's egress (outbound) traffic, which a policy "
                    + "forbidding public IPs blocks. Ask for an exemption for the cluster's resource groups, or "
                    + "route egress through your own firewall with a user-defined route (create the cluster with "
                    + "outboundType userDefinedRouting in a subnet whose route table sends 0.0.0.0/0 to the "
                    + "firewall, then attach it)", details);
        }
        if (isQuota(c, m)) {
            String quota = quotaName(m);
            return new StepResult.Fail(ErrorCode.QuotaExceeded, "Azure refused " + what + " for lack of quota"
                    + (quota == null ? "" : " (" + quota + ")") + ": " + m + ". Request a quota increase for the "
                    + "subscription and region, or choose fewer or smaller nodes", quota == null ? details
                    : List.of(details.get(0), new Detail("quota", quota)));
        }
        return new StepResult.Fail(ErrorCode.AzureError, "Azure refused " + what + " with " + c
                + (m.isEmpty() ? "" : ": " + m), details);
    }

    static boolean isQuota(String code, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return code.equalsIgnoreCase("QuotaExceeded") || code.toLowerCase(Locale.ROOT).contains("quota")
                || (code.equalsIgnoreCase("OperationNotAllowed") && lower.contains("quota"));
    }

    static String quotaName(String message) {
        for (Pattern p : QUOTA_NAME) {
            Matcher m = p.matcher(message);
            if (m.find()) {
                return m.group(1).trim();
            }
        }
        return null;
    }
}
