package cn.healthcard.audit.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The one bounded wait of the audit module: polls a condition until it holds or the time is up. */
final class Waits {

    private Waits() {
    }

    /** Whether {@code condition} held within {@code timeout} (polled every 250 ms). */
    static boolean until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
