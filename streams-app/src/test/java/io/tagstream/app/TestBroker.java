package io.tagstream.app;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.tagstream.broker.EmbeddedKafkaBroker;

/**
 * A real embedded KRaft broker on 127.0.0.1 for the tests of one class, started before the first and closed after
 * the last: {@code @RegisterExtension static final TestBroker BROKER = new TestBroker();}.
 */
public final class TestBroker implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedKafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = EmbeddedKafkaBroker.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        broker.close();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
