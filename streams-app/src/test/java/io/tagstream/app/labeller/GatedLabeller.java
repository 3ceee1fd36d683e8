package io.tagstream.app.labeller;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A labeller whose model calls wait while its gate is closed (up to a bound), as a model call that hangs would: the
 * stream thread that calls it makes no progress. Everything else is the wrapped labeller's.
 */
public final class GatedLabeller extends DelegatingLabeller {

    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch entered = new CountDownLatch(1);

    public GatedLabeller(StreamLabeller delegate) {
        super(delegate);
    }

    /** Model calls from now on wait until {@link #open()}. */
    public void close() {
        gate = new CountDownLatch(1);
    }

    public void open() {
        gate.countDown();
    }

    /** Waits until a model call is waiting at the closed gate. */
    public boolean awaitBlocked(long seconds) throws InterruptedException {
        return entered.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public List<float[][]> advance(List<Session> sessions, List<float[][]> newFrames) {
        CountDownLatch current = gate;
        if (current.getCount() > 0) {
            entered.countDown();
            try {
                current.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return super.advance(sessions, newFrames);
    }
}
