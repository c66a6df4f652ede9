package io.akscompute.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.common.contract.CommandType;
import io.akscompute.common.contract.Command;
import io.akscompute.common.contract.ServiceName;
import io.akscompute.common.contract.Topics;
import io.akscompute.common.identity.LocalIssuer;
import io.akscompute.common.rules.access.WorkspaceRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * What every service does with the commands it owns, checked end to end through the real broker and the real
 * database: a service's {@code *QuarkusTest} extends this and supplies its commands.
 */
public abstract class CommandIntakeScenarios {

    protected abstract ServiceName service();

    /** A valid command this service owns, for the given compute. */
    protected abstract Command validCommand(String workspace, String computeName);

    /** A command this service owns that breaks several preflight rules. */
    protected abstract Command invalidCommand(String workspace, String computeName);

    /** The field paths the violations of {@link #invalidCommand} must name, one violation each. */
    protected abstract List<String> expectedViolationFields();

    private static String uniqueName() {
        return "c" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aValidCommandIsAccepted() {
        Command command = validCommand("ws-tests", uniqueName());
        UUID id = TestKafka.publish(command);

        var accepted = TestKafka.awaitStatus(id, "OperationAccepted");

        assertThat(accepted.key()).isEqualTo(command.key());
        assertThat(accepted.source()).isEqualTo(service().source());
        assertThat(accepted.data().get("operationId").asText()).isEqualTo(id.toString());
        assertThat(accepted.data().get("operation").asText())
                .isEqualTo(CommandType.of(command.getClass()).orElseThrow().typeName());
        assertThat(TestKafka.header(accepted.record(), "ce_subject")).isEqualTo(command.subject());
    }

    @Test
    void theSameCommandIdSentTwiceIsAcceptedOnce() {
        Command command = validCommand("ws-tests", uniqueName());
        UUID id = UUID.randomUUID();
        String record = TestKafka.structured(id, command);
        TestKafka.publishRaw(command.key(), record);
        TestKafka.publishRaw(command.key(), record);
        // Same key, same partition: once the next command is answered, both copies have been handled.
        UUID next = TestKafka.publish(command);
        TestKafka.awaitStatus(next, "OperationAccepted");

        // Exactly one acceptance; the operation's own outcome (e.g. OperationSucceeded) may follow at any time.
        assertThat(TestKafka.statusOf(id)).extracting(KafkaProbe.StatusRecord::type)
                .filteredOn(type -> !type.equals("akscompute.OperationSucceeded.v1")
                        && !type.equals("akscompute.OperationFailed.v1") && !type.equals("akscompute.OperationProgress.v1"))
                .containsExactly("akscompute.OperationAccepted.v1");
    }

    @Test
    void aCommandIdUsedAgainForAnotherCommandIsDeadLetteredAndTheFirstCommandStands() {
        Command first = validCommand("ws-tests", uniqueName());
        Command other = validCommand("ws-other", uniqueName()); // another workspace: another command for every type
        UUID id = UUID.randomUUID();
        TestKafka.publishRaw(first.key(), TestKafka.structured(id, first));
        TestKafka.awaitStatus(id, "OperationAccepted");

        TestKafka.publishRaw(other.key(), TestKafka.structured(id, other));

        ConsumerRecord<String, String> dead = TestKafka.await(Topics.COMMANDS_DLQ,
                r -> other.key().equals(r.key()) && r.value() != null && r.value().contains(id.toString()),
                Duration.ofSeconds(60));
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("was used before for another command");
        assertThat(TestKafka.statusOf(id)).extracting(KafkaProbe.StatusRecord::key).containsOnly(first.key());
    }

    @Test
    void aCommandBreakingSeveralRulesGetsOneValidationFailedNamingEveryViolation() {
        Command command = invalidCommand("ws-tests", uniqueName());
        UUID id = TestKafka.publish(command);

        JsonNode failed = TestKafka.awaitStatus(id, "OperationFailed").data();

        assertThat(failed.get("code").asText()).isEqualTo("ValidationFailed");
        List<JsonNode> details = StreamSupport.stream(failed.get("details").spliterator(), false).toList();
        assertThat(details.stream().map(d -> d.get("field").asText()).toList())
                .containsExactlyInAnyOrderElementsOf(expectedViolationFields());
        assertThat(details).allSatisfy(d -> assertThat(d.get("message").asText()).isNotBlank());
        assertThat(TestKafka.statusOf(id)).hasSize(1);
    }

    @Test
    void aNonJsonCommandOfItsOwnTypeIsDeadLetteredAndAnsweredAndTheNextCommandStillWorks() {
        Command good = validCommand("ws-tests", uniqueName());
        UUID badId = UUID.randomUUID();
        String type = CommandType.of(good.getClass()).orElseThrow().cloudEventType();
        TestKafka.publishBinary(good.key(), badId, type, good.subject(), "this is { not json");
        UUID goodId = TestKafka.publish(good);

        ConsumerRecord<String, String> dead = TestKafka.await(Topics.COMMANDS_DLQ,
                r -> badId.toString().equals(TestKafka.header(r, "ce_id")), Duration.ofSeconds(60));
        assertThat(dead.value()).isEqualTo("this is { not json");
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains("not JSON");
        JsonNode failed = TestKafka.awaitStatus(badId, "OperationFailed").data();
        assertThat(failed.get("code").asText()).isEqualTo("InvalidCommand");
        assertThat(failed.get("message").asText()).contains("not JSON");
        TestKafka.awaitStatus(goodId, "OperationAccepted");
    }

    @Test
    void aCommandWithAMistypedFieldIsAnsweredWithInvalidCommandNamingTheField() {
        Command good = validCommand("ws-tests", uniqueName());
        UUID id = UUID.randomUUID();
        String record = TestKafka.structured(id, good).replace("\"workspace\":\"ws-tests\"", "\"workspace\":[1,2]");

        TestKafka.publishRaw(good.key(), record);

        JsonNode failed = TestKafka.awaitStatus(id, "OperationFailed").data();
        assertThat(failed.get("code").asText()).isEqualTo("InvalidCommand");
        assertThat(failed.get("details").get(0).get("field").asText()).isEqualTo("workspace");
        TestKafka.await(Topics.COMMANDS_DLQ, r -> r.value().contains(id.toString()), Duration.ofSeconds(30));
    }

    @Test
    void aWorkspaceNameTooLongForAnyRuleIsAnsweredUnderTheKeyItCameWith() {
        // Longer than a workspace name may be (ValidationFailed), and longer than any field may be (InvalidCommand):
        // both answers carry the name in their key and subject, as every command of the workspace does.
        Command tooLong = validCommand("w".repeat(1_000), uniqueName());
        Command farTooLong = validCommand("w".repeat(5_000), uniqueName());
        UUID tooLongId = TestKafka.publish(tooLong);
        UUID farTooLongId = TestKafka.publish(farTooLong);

        var refused = TestKafka.awaitStatus(tooLongId, "OperationFailed");
        assertThat(refused.data().get("code").asText()).isEqualTo("ValidationFailed");
        assertThat(refused.key()).isEqualTo(tooLong.key());
        var invalid = TestKafka.awaitStatus(farTooLongId, "OperationFailed");
        assertThat(invalid.data().get("code").asText()).isEqualTo("InvalidCommand");
        assertThat(invalid.data().get("message").asText()).contains("at most 4096");
        assertThat(TestKafka.header(invalid.record(), "ce_subject")).isEqualTo(farTooLong.subject());
    }

    // ---- who may send it ----

    private static final Duration HOUR = Duration.ofHours(1);

    private static void assertRefused(UUID id, String code) {
        JsonNode failed = TestKafka.awaitStatus(id, "OperationFailed").data();
        assertThat(failed.get("code").asText()).isEqualTo(code);
        assertThat(TestKafka.statusOf(id)).as("a refused command starts nothing").hasSize(1);
    }

    @Test
    void aCommandWithoutAValidTokenIsRefusedAndStartsNothing() {
        var roles = Map.of("ws-tests", WorkspaceRole.OPERATOR);
        Instant now = Instant.now();
        UUID none = TestKafka.publish(validCommand("ws-tests", uniqueName()), null);
        UUID expired = TestKafka.publish(validCommand("ws-tests", uniqueName()),
                TestIdentity.issuer().token("alice", roles, now.minus(HOUR.multipliedBy(2)), now.minus(HOUR),
                        LocalIssuer.ISSUER));
        UUID foreignIssuer = TestKafka.publish(validCommand("ws-tests", uniqueName()),
                TestIdentity.issuer().token("alice", roles, now, now.plus(HOUR), "https://issuer.example.org"));
        UUID foreignKey = TestKafka.publish(validCommand("ws-tests", uniqueName()),
                LocalIssuer.generate().token("alice", roles, HOUR));

        assertRefused(none, "Unauthenticated");
        assertThat(TestKafka.awaitStatus(none, "OperationFailed").data().get("message").asText())
                .contains("no token").contains("akscompute-authorization");
        assertThat(TestKafka.header(TestKafka.awaitStatus(none, "OperationFailed").record(), "ce_authtype"))
                .isEqualTo("unauthenticated");
        assertRefused(expired, "Unauthenticated");
        assertRefused(foreignIssuer, "Unauthenticated");
        assertRefused(foreignKey, "Unauthenticated");
    }

    @Test
    void aCallerWithoutTheOperatorRoleInTheCommandsWorkspaceIsForbidden() {
        UUID reader = TestKafka.publish(validCommand("ws-tests", uniqueName()),
                TestIdentity.token("rita", Map.of("ws-tests", WorkspaceRole.READER)));
        UUID elsewhere = TestKafka.publish(validCommand("ws-tests", uniqueName()),
                TestIdentity.token("oscar", Map.of("ws-other", WorkspaceRole.ADMIN)));

        assertRefused(reader, "Forbidden");
        assertRefused(elsewhere, "Forbidden");
        JsonNode refused = TestKafka.awaitStatus(elsewhere, "OperationFailed").data();
        assertThat(refused.get("message").asText()).contains("does not hold the role operator in workspace 'ws-tests'")
                .doesNotContain("ws-other");
        assertThat(TestKafka.header(TestKafka.awaitStatus(elsewhere, "OperationFailed").record(), "ce_authid"))
                .isEqualTo("oscar");
    }

    @Test
    void statusEventsNameTheCallerAndNeverCarryTheToken() {
        String subject = "alice-" + UUID.randomUUID().toString().substring(0, 6);
        String token = TestIdentity.token(subject, Map.of("ws-tests", WorkspaceRole.OPERATOR));
        UUID id = TestKafka.publish(validCommand("ws-tests", uniqueName()), token);

        var accepted = TestKafka.awaitStatus(id, "OperationAccepted");
        assertThat(TestKafka.header(accepted.record(), "ce_authtype")).isEqualTo("user");
        assertThat(TestKafka.header(accepted.record(), "ce_authid")).isEqualTo(subject);
        // What the operation's saga writes next, in a transaction of its own, names the caller as well.
        var next = TestKafka.await(Topics.STATUS, r -> id.toString().equals(TestKafka.header(r, "ce_correlationid"))
                && !accepted.type().equals(TestKafka.header(r, "ce_type")), Duration.ofSeconds(60));
        assertThat(TestKafka.header(next, "ce_authtype")).isEqualTo("user");
        assertThat(TestKafka.header(next, "ce_authid")).isEqualTo(subject);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(TestKafka.records(Topics.STATUS)).noneMatch(r -> r.value() != null && r.value().contains(signature)
                || StreamSupport.stream(r.headers().spliterator(), false)
                        .anyMatch(h -> new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)
                                .contains(signature)));
    }
}
