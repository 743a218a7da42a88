package io.mixfarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the coordinator's session API on a free local port, requiring a bearer token:
 * the session list, and one session whose views are answered in turn (the last one repeating).
 */
final class FakeCoordinator implements AutoCloseable {

    private final HttpServer server;
    private final String token;
    private final List<JsonNode> views;
    private final AtomicInteger looks = new AtomicInteger();
    final List<String> paths = new CopyOnWriteArrayList<>();

    FakeCoordinator(String token, String sessionId, JsonNode list, List<JsonNode> views) throws IOException {
        this.token = token;
        this.views = List.copyOf(views);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/sessions", exchange -> {
            String path = exchange.getRequestURI().getPath();
            paths.add(exchange.getRequestURI().toString());
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"error\":\"authentication required\",\"problems\":[]}");
            } else if (path.equals("/api/v1/sessions") || path.equals("/api/v1/sessions/")) {
                send(exchange, 200, list.toString());
            } else if (path.equals("/api/v1/sessions/" + sessionId)) {
                int i = Math.min(looks.getAndIncrement(), this.views.size() - 1);
                send(exchange, 200, this.views.get(i).toString());
            } else {
                send(exchange, 404, "{\"error\":\"no session\",\"problems\":[]}");
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    String token() {
        return token;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
