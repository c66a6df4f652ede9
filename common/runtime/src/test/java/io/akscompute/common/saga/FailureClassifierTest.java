package io.akscompute.common.saga;

import static org.assertj.core.api.Assertions.assertThat;

import io.akscompute.common.contract.ErrorCode;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What a step threw, as the generic rule reads it when no Azure answer is in it. */
class FailureClassifierTest {

    /** As Hibernate wraps what the driver threw. */
    private static RuntimeException jdbc(SQLException cause) {
        return new RuntimeException("JDBC exception executing SQL [" + cause.getMessage() + "]", cause);
    }

    @Test
    void theDatabaseAwayIsWaitedOutWhateverItSaid() {
        for (Exception away : new Exception[] {
                jdbc(new SQLException("FATAL: terminating connection due to administrator command", "57P01")),
                jdbc(new SQLException("This connection has been closed.", "08003")),
                jdbc(new SQLException("Connection to localhost:5432 refused", "08001", new ConnectException())),
                new CompletionException(jdbc(new SQLException("the database system is starting up", "57P03"))),
                new SQLTransientConnectionException("Acquisition timeout while waiting for new connection") }) {
            StepResult result = FailureClassifier.generic(away);

            assertThat(result).as("%s", away).isInstanceOf(StepResult.Wait.class);
            assertThat(((StepResult.Wait) result).message()).contains("database");
        }
    }

    @Test
    void aStatementTheDatabaseRefusedIsADefectNotAnOutage() {
        var duplicate = jdbc(new SQLException("duplicate key value violates unique constraint", "23505"));

        assertThat(FailureClassifier.generic(duplicate)).isInstanceOfSatisfying(StepResult.Fail.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.InternalError));
    }
}
