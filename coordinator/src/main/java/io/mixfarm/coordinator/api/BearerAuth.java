package io.mixfarm.coordinator.api;

import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.HttpChallenge;
import akka.http.javadsl.model.headers.WWWAuthenticate;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import io.mixfarm.coordinator.settings.Secret;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Bearer-token authentication of the API: a request must carry {@code Authorization: Bearer
 * <token>} (compared in constant time, see {@link Secret#matches}) or gets 401 with a JSON body
 * and a {@code WWW-Authenticate: Bearer} challenge. Only when the settings disable authentication
 * explicitly ({@code auth.disabled = true}, a farm on localhost) does every request pass; the
 * settings refuse to start with neither a token nor that switch.
 */
final class BearerAuth extends AllDirectives {

    private static final String PREFIX = "Bearer ";

    private final Optional<Secret> token;

    /** @param token empty only when authentication is disabled */
    BearerAuth(Optional<Secret> token) {
        this.token = token;
    }

    Route authenticated(Supplier<Route> inner) {
        if (token.isEmpty()) {
            return inner.get();
        }
        return optionalHeaderValueByName("Authorization", header -> {
            boolean ok = header.isPresent() && header.get().regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                    && token.get().matches(header.get().substring(PREFIX.length()).trim());
            return ok ? inner.get() : complete(unauthorized(header.isPresent()));
        });
    }

    private static HttpResponse unauthorized(boolean presented) {
        return Responses.error(StatusCodes.UNAUTHORIZED, presented ? "the bearer token is not valid"
                        : "authentication required: send Authorization: Bearer <token>")
                .addHeader(WWWAuthenticate.create(HttpChallenge.createOAuth2("mixfarm")));
    }
}
