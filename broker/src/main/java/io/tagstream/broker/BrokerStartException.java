package io.tagstream.broker;

/** The embedded broker could not be started (port in use, storage format failure, not ready in time); one line. */
public final class BrokerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean portInUse;

    public BrokerStartException(String message) {
        this(message, null, false);
    }

    public BrokerStartException(String message, Throwable cause) {
        this(message, cause, false);
    }

    BrokerStartException(String message, Throwable cause, boolean portInUse) {
        super(message, cause);
        this.portInUse = portInUse;
    }

    /** Whether the start failed because one of the broker's ports was taken (a fresh pair of ports may work). */
    public boolean portInUse() {
        return portInUse;
    }
}
