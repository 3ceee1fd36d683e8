package io.tagstream.app.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;

/**
 * The dashboard's Server-Sent Event streams: at most {@link #MAX_CLIENTS} open at once. One thread asks every client's
 * {@link EventSource} for its new events every {@link #PERIOD} and writes them as one chunk of the client's
 * {@code text/event-stream} response (a comment line keeps an idle stream alive and finds closed sockets). Nothing is
 * computed for the dashboard when no client listens. Closing ends every stream.
 */
final class DashboardEvents implements AutoCloseable {

    /** Open event streams allowed per instance. */
    static final int MAX_CLIENTS = 16;
    /** How often new events are looked for. */
    static final Duration PERIOD = Duration.ofMillis(250);
    /** Longest silence on a stream before a keep-alive comment. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(DashboardEvents.class);

    /** The events of one client: each call returns the Server-Sent Event text since the last call, or "". */
    interface EventSource {
        String next();
    }

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tagstream-dashboard-events");
        t.setDaemon(true);
        return t;
    });
    private boolean closed;

    DashboardEvents() {
        ticker.scheduleWithFixedDelay(this::pushAll, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Answers {@code exchange} with an event stream fed by {@code source}; false, with nothing sent, when
     * {@link #MAX_CLIENTS} streams are open or the dashboard is closing.
     */
    synchronized boolean open(HttpExchange exchange, EventSource source) throws IOException {
        if (closed || clients.size() >= MAX_CLIENTS) {
            return false;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0); // chunked, open until one side closes
        Client client = new Client(exchange, source);
        clients.add(client);
        ticker.execute(() -> push(client, "retry: 2000\n\n"));
        return true;
    }

    /** Event streams open now. */
    int clientCount() {
        return clients.size();
    }

    private void pushAll() {
        for (Client client : clients) {
            push(client, "");
        }
    }

    /** Writes {@code prefix} and the client's new events; a client that fails is dropped. */
    private void push(Client client, String prefix) {
        try {
            String events = prefix + client.source.next();
            if (events.isEmpty() && System.nanoTime() - client.lastWriteNanos < KEEP_ALIVE.toNanos()) {
                return;
            }
            client.write(events.isEmpty() ? ": keep-alive\n\n" : events);
        } catch (IOException e) {
            drop(client); // the browser went away
        } catch (RuntimeException e) {
            LOG.warn("dashboard event stream failed; closing it", e);
            drop(client);
        }
    }

    private void drop(Client client) {
        clients.remove(client);
        client.exchange.close();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Client client : clients) {
            drop(client);
        }
    }

    /** One open event stream. Written only by the ticker thread. */
    private static final class Client {
        final HttpExchange exchange;
        final EventSource source;
        final OutputStream body;
        long lastWriteNanos;

        Client(HttpExchange exchange, EventSource source) {
            this.exchange = exchange;
            this.source = source;
            this.body = exchange.getResponseBody();
            this.lastWriteNanos = System.nanoTime();
        }

        void write(String events) throws IOException {
            body.write(events.getBytes(StandardCharsets.UTF_8));
            body.flush();
            lastWriteNanos = System.nanoTime();
        }
    }
}
