package io.akscompute.common.contract.saga;

import java.util.List;

/**
 * Payload of {@link ParticipantAction#ReleaseName}: why the reservation of the request's operation goes. When the
 * operation could not undo everything, {@code leftBehind} names what it left and the compute stays, NeedsAttention.
 */
public record ReleaseName(String reason, List<String> leftBehind) {

    public ReleaseName(String reason) {
        this(reason, List.of());
    }
}
