package io.akscompute.tlsmanager.rest;

import io.akscompute.common.contract.ErrorCode;
import io.akscompute.tlsmanager.domain.CertificateInvalidException;
import io.akscompute.tlsmanager.domain.HostNames;
import io.akscompute.tlsmanager.domain.Pem;
import io.akscompute.tlsmanager.persistence.CertificateEntity;
import io.akscompute.tlsmanager.service.CertificateStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * Users' own certificates: upload (validated; the key is encrypted at once) and export for a re-attach elsewhere.
 * In the prod profile every path here needs HTTP basic authentication (see README.md).
 */
@Path("/certificates")
@Produces(MediaType.APPLICATION_JSON)
public class CertificateResource {

    /** What a user uploads: PEM certificate (or chain, server certificate first), PEM key, the host name. */
    public record ImportRequest(String cert, String key, String cname) {
        @Override
        public String toString() {
            return "ImportRequest[cname=" + cname + "]";
        }
    }

    /** A certificate as others may see it: no key. */
    public record CertificateView(String certificateRef, String kind, String cname, String fqdn, List<String> names,
            Instant notBefore, Instant notAfter, String fingerprint) {
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

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response upload(ImportRequest request) {
        if (request == null) {
            return problem(Response.Status.BAD_REQUEST, ErrorCode.ValidationFailed,
                    "expected a JSON body with cert, key and cname");
        }
        try {
            CertificateEntity c = store.importUserCertificate(request.cert(), request.key(), request.cname());
            return Response.status(Response.Status.CREATED).entity(view(c)).build();
        } catch (CertificateInvalidException e) {
            return problem(Response.Status.BAD_REQUEST, ErrorCode.CertificateInvalid, e.getMessage());
        }
    }

    @GET
    @Path("{ref}")
    public Response get(@PathParam("ref") String ref) {
        return store.find(ref).map(c -> Response.ok(view(c)).build()).orElseGet(() -> notFound(ref));
    }

    @GET
    @Path("{ref}/export")
    public Response export(@PathParam("ref") String ref) {
        return store.find(ref).map(c -> {
            CertificateStore.Material m = store.material(c);
            return Response.ok(new Export(c.id, m.certPem(), m.keyPem())).build();
        }).orElseGet(() -> notFound(ref));
    }

    private static CertificateView view(CertificateEntity c) {
        return new CertificateView(c.id, c.kind.name(), c.cname, c.fqdn, HostNames.of(Pem.certificates(c.certPem).get(0)),
                c.notBefore, c.notAfter, c.fingerprint);
    }

    private static Response notFound(String ref) {
        return problem(Response.Status.NOT_FOUND, ErrorCode.CertificateNotFound, "certificate '" + ref
                + "' does not exist");
    }

    private static Response problem(Response.Status status, ErrorCode code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new Problem(code, message)).build();
    }
}
