package io.akscompute.tlsmanager.rest;

import io.akscompute.common.auth.Callers;
import io.akscompute.common.contract.ErrorCode;
import io.akscompute.common.contract.event.CertificateExported;
import io.akscompute.common.outbox.Outbox;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.rules.Preflight;
import io.akscompute.common.rules.access.Caller;
import io.akscompute.common.rules.access.WorkspaceRole;
import io.akscompute.tlsmanager.domain.CertificateInvalidException;
import io.akscompute.tlsmanager.domain.HostNames;
import io.akscompute.tlsmanager.domain.Pem;
import io.akscompute.tlsmanager.persistence.CertificateEntity;
import io.akscompute.tlsmanager.service.CertificateStore;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A workspace's certificates: upload (operators; validated, the key encrypted at once), read (readers; never the
 * key) and export with the key for a re-attach elsewhere (administrators; each export is announced on
 * {@code aks.status} as CertificateExported). A certificate belongs to the workspace it was uploaded or issued for;
 * asking for it under another workspace is refused.
 */
@Path("/workspaces/{workspace}/certificates")
@Produces(MediaType.APPLICATION_JSON)
public class CertificateResource {
    private static final Logger LOG = Logger.getLogger(CertificateResource.class);

    /** What a user uploads: PEM certificate (or chain, server certificate first), PEM key, the host name. */
    public record ImportRequest(String cert, String key, String cname) {
        @Override
        public String toString() {
            return "ImportRequest[cname=" + cname + "]";
        }
    }

    /** A certificate as others may see it: no key. */
    public record CertificateView(String certificateRef, String workspace, String kind, String cname, String fqdn,
            List<String> names, Instant notBefore, Instant notAfter, String fingerprint) {
    }

    /** The export, with the names of the azuremlfessl secret's keys. */
    public record Export(String certificateRef, @com.fasterxml.jackson.annotation.JsonProperty("cert.pem") String certPem,
            @com.fasterxml.jackson.annotation.JsonProperty("key.pem") String keyPem) {
        @Override
        public String toString() {
            return "Export[" + certificateRef + ", key hidden]";
        }
    }

    public record Problem(ErrorCode code, String message) {
    }

    @Inject
    CertificateStore store;

    @Inject
    Callers callers;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("workspace") String workspace, ImportRequest request) {
        callers.require(workspace, WorkspaceRole.OPERATOR);
        // An administrator of every workspace passes any name: it must still be one.
        List<Detail> invalid = Preflight.checkWorkspace(workspace);
        if (!invalid.isEmpty()) {
            return problem(Response.Status.BAD_REQUEST, ErrorCode.ValidationFailed, invalid.get(0).message());
        }
        if (request == null) {
            return problem(Response.Status.BAD_REQUEST, ErrorCode.ValidationFailed,
                    "expected a JSON body with cert, key and cname");
        }
        try {
            CertificateEntity c = store.importUserCertificate(workspace, request.cert(), request.key(), request.cname());
            return Response.status(Response.Status.CREATED).entity(view(c)).build();
        } catch (CertificateInvalidException e) {
            return problem(Response.Status.BAD_REQUEST, ErrorCode.CertificateInvalid, e.getMessage());
        }
    }

    @GET
    @Path("{ref}")
    public Response get(@PathParam("workspace") String workspace, @PathParam("ref") String ref) {
        callers.require(workspace, WorkspaceRole.READER);
        return owned(workspace, ref, c -> Response.ok(view(c)).build());
    }

    @GET
    @Path("{ref}/export")
    @Transactional
    public Response export(@PathParam("workspace") String workspace, @PathParam("ref") String ref) {
        Caller caller = callers.require(workspace, WorkspaceRole.ADMIN);
        return owned(workspace, ref, c -> {
            CertificateStore.Material m = store.material(c);
            Instant now = Instant.now(clock);
            UUID id = UUID.randomUUID();
            outbox.status(new CertificateExported(id, workspace, c.computeName != null ? c.computeName
                    : CertificateExported.NO_COMPUTE, CertificateExported.OPERATION, c.id, c.cname, c.fingerprint,
                    caller.subject(), now), id.toString(), Outbox.USER, caller.subject());
            LOG.infof("certificate %s of workspace %s exported with its key by %s", c.id, workspace, caller.subject());
            return Response.ok(new Export(c.id, m.certPem(), m.keyPem())).build();
        });
    }

    /** The certificate of this workspace; 404 when there is none, 403 when it is another workspace's. */
    private Response owned(String workspace, String ref, Function<CertificateEntity, Response> then) {
        var c = store.find(ref);
        if (c.isEmpty()) {
            return notFound(ref);
        }
        if (!workspace.equals(c.get().workspace)) {
            return problem(Response.Status.FORBIDDEN, ErrorCode.Forbidden, "certificate '" + ref
                    + "' does not belong to workspace " + workspace);
        }
        return then.apply(c.get());
    }

    private static CertificateView view(CertificateEntity c) {
        return new CertificateView(c.id, c.workspace, c.kind.name(), c.cname, c.fqdn,
                HostNames.of(Pem.certificates(c.certPem).get(0)), c.notBefore, c.notAfter, c.fingerprint);
    }

    private static Response notFound(String ref) {
        return problem(Response.Status.NOT_FOUND, ErrorCode.CertificateNotFound, "certificate '" + ref
                + "' does not exist");
    }

    private static Response problem(Response.Status status, ErrorCode code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new Problem(code, message)).build();
    }
}
