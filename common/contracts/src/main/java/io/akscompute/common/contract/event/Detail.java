package io.akscompute.common.contract.event;

/** One problem of a failed operation; {@code field} is a JSON path into the command ({@code agentCount}, {@code sslConfiguration.cname}) or null. */
public record Detail(String field, String message) {
}
