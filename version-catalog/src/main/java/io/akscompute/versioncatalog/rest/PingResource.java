package io.akscompute.versioncatalog.rest;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The cheapest answer the service can give: the baseline of the benchmark in docs/benchmarks.md. */
@Path("/ping")
public class PingResource {

    @GET
    @NonBlocking
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Answers pong", description = "No work at all: the reference point for benchmarks.")
    public String ping() {
        return "pong";
    }
}
