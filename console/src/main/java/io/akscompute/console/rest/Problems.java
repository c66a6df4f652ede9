package io.akscompute.console.rest;

import io.akscompute.client.AksComputeException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The suite could not be reached, or refused the user's token: a page that says so, not a stack trace. */
final class Problems {

    @ServerExceptionMapper
    Response unreachable(AksComputeException e) {
        return Pages.problem(502, "akscompute could not be reached", e.getMessage());
    }
}
