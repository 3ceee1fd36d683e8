package io.tagstream.app.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;

/**
 * {@code http.auth.token}: a request passes with {@code Authorization: Bearer TOKEN}, or with the cookie
 * {@value #COOKIE} that a browser gets from opening any page once with {@code ?token=TOKEN} (a browser cannot add a
 * header to the dashboard's event streams). Tokens are compared in constant time. Anything else: 401.
 */
final class BearerToken extends Authenticator {

    static final String COOKIE = "tagstream_token";
    private static final Pattern QUERY_TOKEN = Pattern.compile("(?:^|&)token=([^&]*)");
    private static final Pattern COOKIE_TOKEN = Pattern.compile("(?:^|;\\s*)" + COOKIE + "=([^;]*)");
    private static final String BEARER = "Bearer ";

    private final byte[] token;

    BearerToken(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("a bearer token must not be empty");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** The value of the {@code Authorization} header that passes (for requests to the other instances). */
    String authorization() {
        return BEARER + new String(token, StandardCharsets.UTF_8);
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.startsWith(BEARER) && matches(header.substring(BEARER.length()))) {
            return pass();
        }
        for (String cookies : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            Matcher m = COOKIE_TOKEN.matcher(cookies);
            if (m.find() && matches(m.group(1))) {
                return pass();
            }
        }
        String query = exchange.getRequestURI().getRawQuery();
        Matcher m = query == null ? null : QUERY_TOKEN.matcher(query);
        if (m != null && m.find() && matches(java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8))) {
            exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + m.group(1)
                    + "; Path=/; HttpOnly; SameSite=Strict");
            return pass();
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"tagstream\"");
        return new Failure(401);
    }

    private boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private static Result pass() {
        return new Success(new HttpPrincipal("token", "tagstream"));
    }
}
