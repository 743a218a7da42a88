package io.mixfarm.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.ContractJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** The coordinator's API over java.net.http, answers as JSON trees. */
public final class ApiClient {

    /** A response: status and JSON body. */
    public record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    public ApiClient(URI base) {
        this(base, null);
    }

    public ApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    public Answer get(String path) {
        return send(request(path).GET().build());
    }

    public Answer post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public Answer post(String path, String contentType, byte[] body) {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    /** A POST with any body (streamed ones included). */
    public Answer post(String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = request(path).POST(body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    public Answer submitYaml(String manifest) {
        return post("/api/v1/sessions", "application/yaml", manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Polls GET {@code path} until {@code until} holds for the body; fails after {@code timeout}. */
    public JsonNode await(String path, Predicate<JsonNode> until, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Answer last = null;
        while (Instant.now().isBefore(deadline)) {
            last = get(path);
            if (last.status() == 200 && until.test(last.body())) {
                return last.body();
            }
            sleep(50);
        }
        throw new AssertionError("condition not met on " + path + " within " + timeout + "; last answer " + last);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isEmpty() ? null : ContractJson.mapper().readTree(r.body());
            return new Answer(r.statusCode(), body, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
