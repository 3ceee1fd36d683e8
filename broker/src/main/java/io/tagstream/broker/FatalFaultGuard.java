package io.tagstream.broker;

import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.common.utils.internals.Exit;

/**
 * While an embedded broker starts or stops, Kafka's fatal-fault handlers throw a {@link BrokerStartException} instead
 * of halting the whole JVM (a port taken between our probe and the broker's bind is such a fault). The exit and halt
 * procedures are JVM-wide, so guarded sections are serialised by one lock and Kafka's defaults are restored on close.
 */
final class FatalFaultGuard implements AutoCloseable {

    private static final ReentrantLock LOCK = new ReentrantLock();

    private FatalFaultGuard() {
    }

    /** Enters a guarded section (re-entrant within a thread); close it in a finally block. */
    static FatalFaultGuard enter() {
        LOCK.lock();
        Exit.setExitProcedure(FatalFaultGuard::refuse);
        Exit.setHaltProcedure(FatalFaultGuard::refuse);
        return new FatalFaultGuard();
    }

    private static void refuse(int statusCode, String message) {
        throw new BrokerStartException("the Kafka broker hit a fatal fault and asked to terminate the JVM (status "
                + statusCode + (message == null ? "" : ": " + message) + ")");
    }

    /** Leaves the section; Kafka's exit and halt come back when the outermost section of this thread ends. */
    @Override
    public void close() {
        if (LOCK.getHoldCount() == 1) {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
        LOCK.unlock();
    }
}
