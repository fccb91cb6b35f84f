package dev.lanyard.auth.examples;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lanyard.auth.client.Client;
import dev.lanyard.auth.key.SigningAlgorithm;
import dev.lanyard.auth.key.SigningKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code clients create --jwks FILE | --jwks-uri URL}: private_key_jwt clients from the command line. */
class ClientsPrivateKeyJwtCommandTest extends CliTestSupport {

    @Test
    void createWithAJwksFileRegistersTheKeysAndPrintsNoSecret() throws IOException {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256);
        Path jwks = Files.writeString(data.resolveSibling("batch.jwks.json"),
                JSONObjectUtils.toJSONString(Map.of("keys", List.of(key.publicJwk().orElseThrow()))));

        Result r = run("clients", "create", "--id", "batch", "--grant", "client_credentials", "--jwks", jwks.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).singleElement().asString()
                .isEqualTo("Created confidential client batch (grants client_credentials), authenticating with private_key_jwt");
        try (DataDir dir = DataDir.open(data, null)) {
            Client batch = dir.clients().findById("batch").orElseThrow();
            assertThat(batch.tokenEndpointAuthMethod()).contains("private_key_jwt");
            assertThat(batch.secrets()).isEmpty();
            assertThat((List<?>) batch.jwks().orElseThrow().get("keys")).hasSize(1);
        }
    }

    @Test
    void createWithAJwksUriRegistersIt() {
        Result r = run("clients", "create", "--id", "remote", "--jwks-uri", "https://remote.example/jwks.json");

        assertThat(r.code()).as(r.err()).isZero();
        try (DataDir dir = DataDir.open(data, null)) {
            assertThat(dir.clients().findById("remote").orElseThrow().jwksUri())
                    .contains(URI.create("https://remote.example/jwks.json"));
        }
    }

    @Test
    void badKeyInputIsAOneLineUsageError() throws IOException {
        Path notJson = Files.writeString(data.resolveSibling("bad.json"), "keys: nope");
        Result notAnObject = run("clients", "create", "--id", "a", "--jwks", notJson.toString());
        Result missing = run("clients", "create", "--id", "b", "--jwks", data.resolveSibling("missing.json").toString());
        Result plainHttp = run("clients", "create", "--id", "c", "--jwks-uri", "http://keys.example/jwks");
        Result privateKey = run("clients", "create", "--id", "d", "--jwks", Files.writeString(
                data.resolveSibling("private.json"), "{\"keys\":[" + privateJwk() + "]}").toString());

        for (Result r : List.of(notAnObject, missing, plainHttp, privateKey)) {
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.errLines()).hasSize(1);
        }
        assertThat(notAnObject.err()).contains("not a JSON object");
        assertThat(missing.err()).contains("no such file");
        assertThat(plainHttp.err()).contains("plain http");
        assertThat(privateKey.err()).contains("private parameters").doesNotContain("\"d\"");
    }

    private static String privateJwk() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate().toJSONString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
