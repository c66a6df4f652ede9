package io.akscompute.common.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.akscompute.common.contract.CloudEventRecords;
import io.akscompute.common.contract.CloudEventTypes;
import io.akscompute.common.contract.CommandHeaders;
import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.Json;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.event.Detail;
import io.akscompute.common.rules.InputBounds;
import io.akscompute.common.rules.Text;
import io.akscompute.common.tracing.TraceContext;
import org.apache.kafka.common.header.Header;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads a record of {@code aks.commands} as a CloudEvent, in binary mode ({@code ce_*} headers, data in the
 * value) or structured mode (the whole event as JSON in the value, so a plain console producer works).
 * Decoding is done here rather than by the connector so that no record, however broken, can fail the
 * consumer: every problem becomes a {@link Decoded.Rejected} with a reason a person can act on.
 */
public final class CommandDecoder {
    /** Unreadable records and unknown types are rejected by the attacher, the suite's front door. */
    public static final ServiceName FRONT_DOOR = ServiceName.ATTACHER;

    private static final String KNOWN_TYPES = Arrays.stream(CommandType.values())
            .map(CommandType::cloudEventType).collect(Collectors.joining(", "));

    private final int maxRecordBytes;

    public CommandDecoder(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Reads the record whoever owns its command (the front door's view, and tests'). */
    public Decoded decode(RawCommandRecord record) {
        return decode(record, null);
    }

    /**
     * Reads the record for {@code reader}: a command of a known type that another service owns, as its binary-mode
     * headers show, is {@link Decoded.OwnedElsewhere} without being parsed. Empty and oversized records are the front
     * door's whatever their type, so they are checked first.
     */
    public Decoded decode(RawCommandRecord record, ServiceName reader) {
        if (record.value() == null || record.value().length == 0) {
            return frontDoor("the record has no value; expected a CloudEvent with a command", record);
        }
        if (record.size() > maxRecordBytes) {
            return frontDoor("the record is " + record.size() + " bytes (key, headers and value); commands are limited"
                    + " to " + maxRecordBytes + " bytes", record);
        }
        if (reader != null && CloudEventRecords.binaryMode(record.headers())) {
            Optional<CommandType> type = Optional.ofNullable(CloudEventRecords.header(record.headers(), "ce_type"))
                    .flatMap(CommandType::fromCloudEventType);
            if (type.isPresent() && type.get().owner() != reader) {
                return new Decoded.OwnedElsewhere(type.get());
            }
        }
        CloudEventRecords.Read read = CloudEventRecords.read(record.headers(), record.value());
        CloudEventRecords.Attributes a = read.seen();
        if (read instanceof CloudEventRecords.Unreadable u && a.type() == null) {
            return frontDoor(u.reason(), record);
        }
        return attributesThen(a, record, type -> {
            if (read instanceof CloudEventRecords.Unreadable u) {
                return rejectByOwner(type, a, record, u.reason(), List.of());
            }
            JsonNode data = ((CloudEventRecords.Event) read).data();
            if (data == null || !data.isObject()) {
                return rejectByOwner(type, a, record,
                        "the CloudEvent has no 'data' object; the command's fields go there", List.of());
            }
            Optional<Detail> tooLarge = InputBounds.check(data);
            if (tooLarge.isPresent()) {
                return rejectByOwner(type, a, record, "the " + type.typeName() + " data is not valid: "
                        + tooLarge.get().field() + ": " + tooLarge.get().message(), List.of(tooLarge.get()));
            }
            return bind(type, a, data, record, TraceContext.of(((CloudEventRecords.Event) read).event()));
        });
    }

    private interface TypedStep {
        Decoded apply(CommandType type);
    }

    /** Checks the attributes every command needs, then continues with the known type. */
    private Decoded attributesThen(CloudEventRecords.Attributes a, RawCommandRecord record, TypedStep next) {
        if (a.type() == null) {
            return frontDoor("the CloudEvent has no 'type'; expected one of " + KNOWN_TYPES, record);
        }
        var type = CommandType.fromCloudEventType(a.type());
        if (type.isEmpty()) {
            return new Decoded.Rejected(FRONT_DOOR, "unknown command type " + Text.quote(a.type()) + "; expected one of "
                    + KNOWN_TYPES, parseId(a.id()), null, workspaceOf(a, record), computeOf(a, record), List.of());
        }
        if (!CloudEventTypes.SPEC_VERSION.equals(a.specVersion())) {
            return rejectByOwner(type.get(), a, record,
                    "unsupported CloudEvents specversion " + Text.quote(a.specVersion()) + "; expected 1.0", List.of());
        }
        if (parseId(a.id()) == null) {
            return rejectByOwner(type.get(), a, record,
                    "the CloudEvent id " + Text.quote(a.id()) + " is not a UUID; the id is the operation id", List.of());
        }
        return next.apply(type.get());
    }

    private Decoded bind(CommandType type, CloudEventRecords.Attributes a, JsonNode data, RawCommandRecord record,
            TraceContext trace) {
        Command command;
        try {
            command = Json.MAPPER.treeToValue(data, type.payloadType());
        } catch (JsonProcessingException e) {
            Detail detail = detailOf(e);
            return rejectByOwner(type, a, record, "the " + type.typeName() + " data is not valid: "
                    + (detail.field() == null ? "" : detail.field() + ": ") + detail.message(), List.of(detail));
        }
        if (!command.key().equals(record.key())) {
            return rejectByOwner(type, a, record, "the record key " + Text.quote(record.key())
                    + " does not match the command's workspace and compute " + Text.quote(command.key())
                    + "; commands are keyed <workspace>/<compute> so that Kafka keeps them in order",
                    List.of(new Detail("key", "expected " + Text.quote(command.key()))));
        }
        if (a.subject() != null && !a.subject().equals(command.subject())) {
            return rejectByOwner(type, a, record, "the CloudEvent subject " + Text.quote(a.subject())
                    + " does not match the command's workspace and compute " + Text.quote(command.subject()),
                    List.of(new Detail("subject", "expected " + Text.quote(command.subject()))));
        }
        return new Decoded.Valid(new CommandEnvelope(parseId(a.id()), type, a.source(), a.subject(), command,
                token(record), trace));
    }

    private static Detail detailOf(JsonProcessingException e) {
        String path = null;
        if (e instanceof MismatchedInputException mie && !mie.getPath().isEmpty()) {
            path = mie.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        String message;
        if (e instanceof UnrecognizedPropertyException upe) {
            path = path == null ? upe.getPropertyName() : path;
            message = "unknown field; known fields are " + upe.getKnownPropertyIds();
        } else if (e instanceof InvalidFormatException ife) {
            message = Text.quote(String.valueOf(ife.getValue())) + " is not a valid " + ife.getTargetType().getSimpleName()
                    + (ife.getTargetType().isEnum()
                            ? " (expected one of " + Arrays.toString(ife.getTargetType().getEnumConstants()) + ")"
                            : "");
        } else if (e.getOriginalMessage().startsWith("Missing required creator property")) {
            message = "is required";
            path = e.getOriginalMessage().replaceAll(".*'([^']+)'.*", "$1");
        } else {
            message = firstLine(e);
        }
        return new Detail(path, message);
    }

    private Decoded rejectByOwner(CommandType type, CloudEventRecords.Attributes a, RawCommandRecord record, String reason,
            List<Detail> details) {
        return new Decoded.Rejected(type.owner(), reason, parseId(a.id()), type, workspaceOf(a, record),
                computeOf(a, record), details);
    }

    private static Decoded frontDoor(String reason, RawCommandRecord record) {
        return new Decoded.Rejected(FRONT_DOOR, reason, null, null, keyPart(record, 0), keyPart(record, 1), List.of());
    }

    private static String workspaceOf(CloudEventRecords.Attributes a, RawCommandRecord record) {
        String[] s = subjectParts(a.subject());
        return s != null ? s[0] : keyPart(record, 0);
    }

    private static String computeOf(CloudEventRecords.Attributes a, RawCommandRecord record) {
        String[] s = subjectParts(a.subject());
        return s != null ? s[1] : keyPart(record, 1);
    }

    /** {@code workspaces/<ws>/computes/<name>} -> {ws, name}. */
    private static String[] subjectParts(String subject) {
        if (subject == null) {
            return null;
        }
        String[] p = subject.split("/");
        return p.length == 4 && p[0].equals("workspaces") && p[2].equals("computes") ? new String[] { p[1], p[3] }
                : null;
    }

    private static String keyPart(RawCommandRecord record, int index) {
        if (record.key() == null) {
            return "unknown";
        }
        String[] p = record.key().split("/", 2);
        return p.length == 2 ? p[index] : index == 0 ? "unknown" : record.key();
    }

    private static String token(RawCommandRecord record) {
        Header h = record.headers().lastHeader(CommandHeaders.AUTHORIZATION);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static UUID parseId(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }


    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }


}
