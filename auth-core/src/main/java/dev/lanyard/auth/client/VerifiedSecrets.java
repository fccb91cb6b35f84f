package dev.lanyard.auth.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Person-chosen client secrets that verified recently, so that a client's steady token traffic costs one
 * slow hash per {@code lifetime} rather than one per request. Bounded in size and time.
 *
 * <p>Entries are keyed by HMAC-SHA256 of the client id and the presented secret under a random key made
 * for this process: the cache never holds a secret, and what it holds cannot be tested offline against
 * guesses. An entry is honoured only while the client's secrets are exactly those it was verified
 * against (same ids, same hashes): rotating or revoking any secret of the client drops its entries at
 * the next request, on every node, without any message between them.
 */
final class VerifiedSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a verification found: the secret that matched, and the client's secrets at the time. */
    private record Verified(String secretId, String fingerprint) {
    }

    private final Cache<String, Verified> cache;
    private final SecretKeySpec key;

    VerifiedSecrets(long maxEntries, Duration lifetime, Clock clock) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(lifetime)
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The id of the client's secret this one verified against recently, if it still stands. */
    Optional<String> matched(Client client, String secret) {
        String k = key(client.clientId(), secret);
        Verified v = cache.getIfPresent(k);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.fingerprint().equals(fingerprint(client.secrets()))) {
            cache.invalidate(k); // the client's secrets changed since: verify again
            return Optional.empty();
        }
        return Optional.of(v.secretId());
    }

    void remember(Client client, String secret, ClientSecret matched) {
        cache.put(key(client.clientId(), secret), new Verified(matched.id(), fingerprint(client.secrets())));
    }

    /** How many entries are held now; for tests. */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private String key(String clientId, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(clientId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no HmacSHA256, which every Java SE JDK must have", e);
        }
    }

    /** The ids and hashes of all the client's secrets: any rotation or revocation changes it. */
    private static String fingerprint(List<ClientSecret> secrets) {
        StringBuilder b = new StringBuilder();
        for (ClientSecret s : secrets) {
            b.append(s.id()).append('\0').append(s.hash()).append('\0');
        }
        return b.toString();
    }
}
