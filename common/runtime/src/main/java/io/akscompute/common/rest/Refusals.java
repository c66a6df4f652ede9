package io.akscompute.common.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.akscompute.common.contract.ErrorCode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A refused request gets its reason as JSON, {@code {"code","message"}} like every other refusal of the services:
 * a resource's {@code ForbiddenException("...")} would otherwise reach the caller as a bare status, its message only
 * in the log.
 */
public final class Refusals {

    /** The problem body; {@code code} is null where no error code names the refusal (an unknown operation id). */
    public record Problem(ErrorCode code, String message) {
    }

    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        Response given = e.getResponse();
        // How Quarkus reports a body it could not parse: a 400 around Jackson's exception.
        if (given.getStatus() == 400 && e.getCause() instanceof JacksonException unreadable) {
            return unreadable(unreadable);
        }
        if (given.getStatus() < 400 || given.getStatus() >= 500 || given.hasEntity() || e.getMessage() == null) {
            return given;
        }
        return json(given.getStatus(), switch (given.getStatus()) {
            case 400 -> ErrorCode.ValidationFailed;
            case 401 -> ErrorCode.Unauthenticated;
            case 403 -> ErrorCode.Forbidden;
            default -> null;
        }, e.getMessage());
    }

    /**
     * A body of the wrong shape, as Quarkus's reader throws it (Quarkus has its own mapper for it, which says nothing
     * outside development). Other Jackson failures are the service's own and stay 500s.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    /** A body that is not JSON, or not the JSON expected: where, never what (it may hold a private key). */
    private static Response unreadable(JacksonException e) {
        String where = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? " at " + m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                        : "[" + r.getIndex() + "]").collect(Collectors.joining("."))
                : "";
        return json(400, ErrorCode.ValidationFailed, "the body is not the JSON this request takes" + where);
    }

    private static Response json(int status, ErrorCode code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new Problem(code, message)).build();
    }
}
