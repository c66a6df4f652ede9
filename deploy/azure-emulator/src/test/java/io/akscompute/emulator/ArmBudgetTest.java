package io.akscompute.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArmBudgetTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void tenSecondsOfTheRateThenOneTokenPerRefillEachSubscriptionAndKindApart() {
        ArmBudget budget = new ArmBudget();
        int perHour = 3600; // one a second, a bucket of 10
        for (int i = 9; i >= 0; i--) {
            ArmBudget.Spent spent = budget.spend("sub-a", true, perHour, 0);
            assertTrue(spent.admitted());
            assertEquals(i, spent.remaining());
        }
        ArmBudget.Spent refused = budget.spend("sub-a", true, perHour, 0);
        assertFalse(refused.admitted());
        assertEquals(1, refused.retryAfterSeconds());
        assertTrue(budget.spend("sub-a", false, perHour, 0).admitted(), "reads have their own bucket");
        assertTrue(budget.spend("sub-b", true, perHour, 0).admitted(), "so has another subscription");
        assertTrue(budget.spend("sub-a", true, perHour, SECOND).admitted(), "a second later one more write");
        assertFalse(budget.spend("sub-a", true, perHour, SECOND).admitted());
        assertTrue(budget.spend("sub-a", true, 0, SECOND).admitted(), "no budget set: no limit");
    }
}
