package io.mixfarm.cli.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mixfarm.contract.Priority;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The coordinator's session API over HTTP, with the API's bearer token when one is given; a 503
 * (not ready yet) is retried after its Retry-After.
 */
public final class CoordinatorClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration UNAVAILABLE_PATIENCE = Duration.ofSeconds(60);
    /** Storing a large session may take the coordinator up to 100 s under load (its own limit). */
    private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(130);

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A client without a token (a coordinator with auth.disabled). */
    public CoordinatorClient(URI base) {
        this(base, null);
    }

    /** @param token the API's bearer token; null or blank sends none */
    public CoordinatorClient(URI base, String token) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.token = token == null || token.isBlank() ? null : token.trim();
    }

    /** Submits a manifest (JSON) as a NORMAL session and returns the new session's id. */
    public String submit(String manifestJson) throws IOException, InterruptedException {
        return submit(manifestJson, Priority.NORMAL);
    }

    /** Submits a manifest (JSON) in a priority class and returns the new session's id. */
    public String submit(String manifestJson, Priority priority) throws IOException, InterruptedException {
        JsonNode answer = send(() -> request("api/v1/sessions?priority=" + priority.label())
                .timeout(SUBMIT_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(manifestJson))
                .build());
        String id = answer.path("sessionId").asText("");
        if (id.isEmpty()) {
            throw new IOException("the coordinator answered without a session id: " + answer);
        }
        return id;
    }

    /** The session view: every song's state, outputs and measurements. */
    public JsonNode session(String sessionId) throws IOException, InterruptedException {
        return send(() -> request("api/v1/sessions/" + sessionId)
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build());
    }

    /** A page of the session list, newest first ({@code limit} 1..500). */
    public JsonNode sessions(int limit) throws IOException, InterruptedException {
        return send(() -> request("api/v1/sessions?limit=" + limit).timeout(REQUEST_TIMEOUT).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private JsonNode send(Supplier<HttpRequest> request) throws IOException, InterruptedException {
        Instant giveUp = Instant.now().plus(UNAVAILABLE_PATIENCE);
        while (true) {
            HttpResponse<String> response = http.send(request.get(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return JSON.readTree(response.body());
            }
            if (status == 503 && Instant.now().isBefore(giveUp)) {
                long seconds = response.headers().firstValue("Retry-After").map(CoordinatorClient::seconds).orElse(1L);
                Thread.sleep(Math.max(200, Math.min(seconds, 10) * 1000));
                continue;
            }
            throw new CoordinatorException(status, describe(response.body()));
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The API's problem document, one problem a line, or the raw body. */
    private static String describe(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            StringBuilder text = new StringBuilder(problem.path("error").asText(body));
            for (JsonNode p : problem.path("problems")) {
                text.append(System.lineSeparator()).append("  ").append(p.path("path").asText()).append(": ")
                        .append(p.path("message").asText());
            }
            return text.toString();
        } catch (IOException e) {
            return body;
        }
    }

    /** The coordinator refused a request. */
    public static final class CoordinatorException extends IOException {
        private final int status;

        CoordinatorException(int status, String message) {
            super("HTTP " + status + ": " + message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
