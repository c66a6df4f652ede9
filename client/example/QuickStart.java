import io.akscompute.client.AksCompute;
import io.akscompute.client.AksComputeClient;
import io.akscompute.client.Outcome;
import io.akscompute.client.Workspace;
import io.akscompute.common.contract.model.ClusterPurpose;

public class QuickStart {
    public static void main(String[] args) {
        try (AksComputeClient client = AksComputeClient.builder().fromEnvironment().build()) {
            System.out.println("westus creates Kubernetes " + client.versions("westus").defaultVersion());
            Workspace ws = client.workspace("quickstart");
            Outcome created = ws.create("myaks", AksCompute.provisioningConfiguration().location("westus")
                    .clusterPurpose(ClusterPurpose.DevTest).enableSsl("quickstart")).waitForCompletion(true);
            if (!created.succeeded()) {
                throw new IllegalStateException(created.failure().message());
            }
            System.out.println("scoring over TLS at " + created.compute().orElseThrow().properties().sslConfiguration().fqdn());
            ws.delete("myaks").waitForCompletion(true);
        }
    }
}
