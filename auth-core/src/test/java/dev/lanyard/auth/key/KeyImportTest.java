package dev.lanyard.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.lanyard.auth.key.KeyTesting.pem;
import static dev.lanyard.auth.key.KeyTesting.sign;
import static dev.lanyard.auth.key.KeyTesting.verifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyImportTest {

    @TempDir
    Path dir;

    // ---- PEM ----------------------------------------------------------------------------------------

    @Test
    void fromPemRsaPrivateAndPublicThenSignsWhatTheOriginalPublicKeyVerifies() throws Exception {
        KeyPair pair = KeyTesting.rsaKeyPair(2048);
        String text = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());

        SigningKey key = KeyImport.fromPem(text, SigningAlgorithm.RS256, "rsa-2026");

        assertThat(key.kid()).isEqualTo("rsa-2026");
        assertThat(key.algorithm()).isEqualTo(SigningAlgorithm.RS256);
        assertThat(key.canSign()).isTrue();
        assertJdkVerifies("SHA256withRSA", pair.getPublic(), sign(key, "{\"sub\":\"alice\"}"), false);
        assertThat(verifies(SigningKey.fromKeyPair(SigningAlgorithm.RS256, pair.getPublic(), null, "orig"),
                sign(key, "{}"))).isTrue();
    }

    @Test
    void fromPemRsaPrivateOnlyThenDerivesItsPublicKey() throws Exception {
        KeyPair pair = KeyTesting.rsaKeyPair(2048);

        SigningKey key = KeyImport.fromPem(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                SigningAlgorithm.RS256, "rsa");

        RSAPublicKey original = (RSAPublicKey) pair.getPublic();
        assertThat(key.publicJwk().orElseThrow())
                .containsEntry("n", com.nimbusds.jose.util.Base64URL.encode(original.getModulus()).toString())
                .containsEntry("e", com.nimbusds.jose.util.Base64URL.encode(original.getPublicExponent()).toString());
        assertJdkVerifies("SHA256withRSA", pair.getPublic(), sign(key, "{}"), false);
    }

    @Test
    void fromPemRsaForPs256ThenSignsPs256() {
        KeyPair pair = KeyTesting.rsaKeyPair(2048);

        SigningKey key = KeyImport.fromPem(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                SigningAlgorithm.PS256, "pss");

        assertThat(key.algorithm()).isEqualTo(SigningAlgorithm.PS256);
        assertThat(verifies(SigningKey.fromKeyPair(SigningAlgorithm.PS256, pair.getPublic(), null, "orig"),
                sign(key, "{}"))).isTrue();
    }

    @Test
    void fromPemEcPrivateAndPublicThenSignsWhatTheOriginalPublicKeyVerifies() throws Exception {
        KeyPair pair = KeyTesting.ecKeyPair("secp256r1");
        String text = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());

        SigningKey key = KeyImport.fromPem(text, SigningAlgorithm.ES256, "ec-2026");

        assertThat(key.algorithm()).isEqualTo(SigningAlgorithm.ES256);
        assertJdkVerifies("SHA256withECDSA", pair.getPublic(), sign(key, "{\"sub\":\"alice\"}"), true);
        assertThat(verifies(SigningKey.fromKeyPair(SigningAlgorithm.ES256, pair.getPublic(), null, "orig"),
                sign(key, "{}"))).isTrue();
    }

    @Test
    void fromPemEd25519PrivateAndPublicThenSignsWhatTheOriginalPublicKeyVerifies() throws Exception {
        KeyPair pair = KeyTesting.ed25519KeyPair();
        String text = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());

        SigningKey key = KeyImport.fromPem(text, SigningAlgorithm.EDDSA, "ed-2026");

        assertThat(key.algorithm()).isEqualTo(SigningAlgorithm.EDDSA);
        assertJdkVerifies("Ed25519", pair.getPublic(), sign(key, "{\"sub\":\"alice\"}"), false);
        assertThat(verifies(SigningKey.fromKeyPair(SigningAlgorithm.EDDSA, pair.getPublic(), null, "orig"),
                sign(key, "{}"))).isTrue();
    }

    @Test
    void fromPemPublicKeyFirstThenPrivateKeyThenAccepted() {
        KeyPair pair = KeyTesting.ecKeyPair("secp256r1");
        String text = pem("PUBLIC KEY", pair.getPublic().getEncoded()) + pem("PRIVATE KEY", pair.getPrivate().getEncoded());

        assertThat(KeyImport.fromPem(text, SigningAlgorithm.ES256, "ec").canSign()).isTrue();
    }

    @Test
    void fromPemPublicKeyOnlyThenVerifyOnlyKey() {
        KeyPair pair = KeyTesting.ecKeyPair("secp256r1");
        SigningKey full = SigningKey.fromKeyPair(SigningAlgorithm.ES256, pair.getPublic(), pair.getPrivate(), "ec");

        SigningKey key = KeyImport.fromPem(pem("PUBLIC KEY", pair.getPublic().getEncoded()), SigningAlgorithm.ES256,
                "ec");

        assertThat(key.canSign()).isFalse();
        assertThat(verifies(key, sign(full, "{}"))).isTrue();
    }

    @Test
    void fromPemWithTextAroundTheBlocksThenAccepted() {
        KeyPair pair = KeyTesting.rsaKeyPair(2048);
        String text = "Bag Attributes\n    friendlyName: signing\n" + pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                + "trailing comment\n";

        assertThat(KeyImport.fromPem(text, SigningAlgorithm.RS256, "rsa").canSign()).isTrue();
    }

    @Test
    void fromPemWithoutKidThenThumbprintKid() {
        KeyPair pair = KeyTesting.ed25519KeyPair();
        String text = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());

        SigningKey a = KeyImport.fromPem(text, SigningAlgorithm.EDDSA, null);
        SigningKey b = KeyImport.fromPem(text, SigningAlgorithm.EDDSA, null);

        assertThat(a.kid()).isNotBlank().isEqualTo(b.kid());
    }

    @Test
    void fromPemFileThenReadsTheFile() throws IOException {
        KeyPair pair = KeyTesting.rsaKeyPair(2048);
        Path file = dir.resolve("key.pem");
        Files.writeString(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);

        SigningKey key = KeyImport.fromPem(file, SigningAlgorithm.RS256, "from-file");

        assertThat(key.kid()).isEqualTo("from-file");
        assertThat(verifies(SigningKey.fromKeyPair(SigningAlgorithm.RS256, pair.getPublic(), null, "orig"),
                sign(key, "{}"))).isTrue();
    }

    @Test
    void fromPemFileThatIsRefusedThenMessageNamesTheFile() throws IOException {
        Path file = dir.resolve("empty.pem");
        Files.writeString(file, "nothing here");

        assertThatThrownBy(() -> KeyImport.fromPem(file, SigningAlgorithm.RS256, "k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("BEGIN PRIVATE KEY");
    }

    @Test
    void fromPemMissingFileThenUncheckedIoException() {
        Path file = dir.resolve("absent.pem");

        assertThatThrownBy(() -> KeyImport.fromPem(file, SigningAlgorithm.RS256, "k"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("absent.pem");
    }

    @Test
    void fromPemRsaPrivateKeyBlockThenRefusedNamingOpensslPkcs8() {
        KeyPair pair = KeyTesting.rsaKeyPair(2048);
        String pkcs1 = pem("RSA PRIVATE KEY", pkcs1Of(pair.getPrivate().getEncoded()));

        assertThatThrownBy(() -> KeyImport.fromPem(pkcs1, SigningAlgorithm.RS256, "old"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RSA PRIVATE KEY")
                .hasMessageContaining("openssl pkcs8");
    }

    @Test
    void fromPemEcPrivateKeyBlockThenRefusedNamingOpensslPkcs8() {
        KeyPair pair = KeyTesting.ecKeyPair("secp256r1");
        String sec1 = pem("EC PRIVATE KEY", pkcs1Of(pair.getPrivate().getEncoded()));

        assertThatThrownBy(() -> KeyImport.fromPem(sec1, SigningAlgorithm.ES256, "old"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EC PRIVATE KEY")
                .hasMessageContaining("openssl pkcs8");
    }

    @Test
    void fromPemEncryptedPrivateKeyThenRefusedNamingHowToDecrypt() throws GeneralSecurityException, IOException {
        KeyPair pair = KeyTesting.rsaKeyPair(2048);
        String encrypted = pem("ENCRYPTED PRIVATE KEY", encrypt(pair.getPrivate().getEncoded(), "secret".toCharArray()));

        assertThatThrownBy(() -> KeyImport.fromPem(encrypted, SigningAlgorithm.RS256, "enc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encrypted")
                .hasMessageContaining("openssl pkcs8")
                .hasMessageContaining("PKCS#12");
    }

    @Test
    void fromPemWithoutAnyBlockThenRefusedNamingTheExpectedBlocks() {
        assertThatThrownBy(() -> KeyImport.fromPem("just some text\n", SigningAlgorithm.RS256, "k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no PEM key block")
                .hasMessageContaining("BEGIN PRIVATE KEY")
                .hasMessageContaining("BEGIN PUBLIC KEY");
    }

    @Test
    void fromPemEcPrivateKeyWithoutPublicKeyThenRefusedNamingTheFix() {
        KeyPair pair = KeyTesting.ecKeyPair("secp256r1");

        assertThatThrownBy(() -> KeyImport.fromPem(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                SigningAlgorithm.ES256, "ec"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without its public key")
                .hasMessageContaining("BEGIN PUBLIC KEY")
                .hasMessageContaining("openssl pkey");
    }

    @Test
    void fromPemEd25519PrivateKeyWithoutPublicKeyThenRefusedNamingTheFix() {
        KeyPair pair = KeyTesting.ed25519KeyPair();

        assertThatThrownBy(() -> KeyImport.fromPem(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                SigningAlgorithm.EDDSA, "ed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without its public key");
    }

    @Test
    void fromPemKeyOfAnotherTypeThanTheAlgorithmThenRefused() {
        KeyPair ec = KeyTesting.ecKeyPair("secp256r1");

        assertThatThrownBy(() -> KeyImport.fromPem(pem("PRIVATE KEY", ec.getPrivate().getEncoded()),
                SigningAlgorithm.RS256, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a RSA key");
    }

    @Test
    void fromPemWith1024BitRsaKeyThenRefused() {
        KeyPair weak = KeyTesting.rsaKeyPair(1024);

        assertThatThrownBy(() -> KeyImport.fromPem(pem("PRIVATE KEY", weak.getPrivate().getEncoded()),
                SigningAlgorithm.RS256, "weak"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2048");
    }

    @Test
    void fromPemForHs256ThenRefusedPointingToHmac() {
        assertThatThrownBy(() -> KeyImport.fromPem("", SigningAlgorithm.HS256, "h"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SigningKey.hmac");
    }

    @Test
    void fromPemWithUnexpectedBlockThenRefusedNamingIt() {
        assertThatThrownBy(() -> KeyImport.fromPem(pem("CERTIFICATE REQUEST", new byte[] {1, 2, 3}),
                SigningAlgorithm.RS256, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'CERTIFICATE REQUEST'");
    }

    // ---- PKCS#12 ------------------------------------------------------------------------------------

    @Test
    void fromPkcs12RsaKeystoreThenSignsAndVerifies() throws Exception {
        Path store = keytool("RSA", "-keysize", "2048");

        SigningKey key = KeyImport.fromPkcs12(store, "changeit".toCharArray(), "signing", SigningAlgorithm.RS256,
                "p12-rsa");

        assertThat(key.kid()).isEqualTo("p12-rsa");
        assertThat(key.canSign()).isTrue();
        assertThat(verifies(key, sign(key, "{}"))).isTrue();
        PublicKey certKey = certificateKey(store);
        assertJdkVerifies("SHA256withRSA", certKey, sign(key, "{}"), false);
    }

    @Test
    void fromPkcs12EcKeystoreThenSignsAndVerifies() throws Exception {
        Path store = keytool("EC", "-groupname", "secp256r1");

        SigningKey key = KeyImport.fromPkcs12(store, "changeit".toCharArray(), "signing", SigningAlgorithm.ES256,
                null);

        assertThat(key.kid()).isNotBlank();
        assertJdkVerifies("SHA256withECDSA", certificateKey(store), sign(key, "{}"), true);
    }

    @Test
    void fromPkcs12WithWrongAliasThenRefusedNamingTheAlias() throws Exception {
        Path store = keytool("RSA", "-keysize", "2048");

        assertThatThrownBy(() -> KeyImport.fromPkcs12(store, "changeit".toCharArray(), "nope", SigningAlgorithm.RS256,
                "k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no entry 'nope'")
                .hasMessageContaining(store.toString());
    }

    @Test
    void fromPkcs12WithWrongPasswordThenRefusedSayingSo() throws Exception {
        Path store = keytool("RSA", "-keysize", "2048");

        assertThatThrownBy(() -> KeyImport.fromPkcs12(store, "wrong".toCharArray(), "signing", SigningAlgorithm.RS256,
                "k"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(store.toString())
                .hasMessageContaining("wrong password");
    }

    @Test
    void fromPkcs12WithAlgorithmNotMatchingTheKeyThenRefused() throws Exception {
        Path store = keytool("EC", "-groupname", "secp256r1");

        assertThatThrownBy(() -> KeyImport.fromPkcs12(store, "changeit".toCharArray(), "signing",
                SigningAlgorithm.RS256, "k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RS256");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** Checks a compact JWS with the JDK alone; ECDSA signatures are R||S in JWS and DER in the JDK. */
    private static void assertJdkVerifies(String jcaAlgorithm, PublicKey publicKey, String compact, boolean ecdsa)
            throws GeneralSecurityException, JOSEException {
        String[] parts = compact.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        if (ecdsa) {
            signature = ECDSA.transcodeSignatureToDER(signature);
        }
        Signature jdk = Signature.getInstance(jcaAlgorithm);
        jdk.initVerify(publicKey);
        jdk.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(jdk.verify(signature)).as("the JDK verifies the signature with the original public key").isTrue();
    }

    /** The inner private key of a PKCS#8 structure: PKCS#1 for RSA, SEC 1 for EC. */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int[] pos = {0};
        readHeader(pkcs8, pos, 0x30); // PrivateKeyInfo
        int versionLength = readHeader(pkcs8, pos, 0x02); // version
        pos[0] += versionLength;
        int algorithmLength = readHeader(pkcs8, pos, 0x30); // algorithm identifier
        pos[0] += algorithmLength;
        int length = readHeader(pkcs8, pos, 0x04); // privateKey OCTET STRING
        return Arrays.copyOfRange(pkcs8, pos[0], pos[0] + length);
    }

    private static int readHeader(byte[] der, int[] pos, int tag) {
        assertThat(der[pos[0]] & 0xff).isEqualTo(tag);
        int first = der[pos[0] + 1] & 0xff;
        pos[0] += 2;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[pos[0]++] & 0xff);
        }
        return length;
    }

    /** A PKCS#8 EncryptedPrivateKeyInfo (password-based encryption), as 'openssl pkcs8 -topk8' writes it. */
    private static byte[] encrypt(byte[] pkcs8, char[] password) throws GeneralSecurityException, IOException {
        String algorithm = "PBEWithSHA1AndDESede";
        SecretKey secret = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password));
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.ENCRYPT_MODE, secret, new PBEParameterSpec(new byte[8], 10_000));
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(cipher.getParameters(), cipher.doFinal(pkcs8));
        return info.getEncoded();
    }

    /** A PKCS#12 keystore with one key pair under alias 'signing', password 'changeit', made by keytool. */
    private Path keytool(String keyalg, String... sizeOptions) throws IOException, InterruptedException {
        Path store = dir.resolve("keys-" + keyalg.toLowerCase(java.util.Locale.ROOT) + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(Files.isExecutable(keytool) ? keytool.toString() : "keytool",
                "-genkeypair", "-keyalg", keyalg));
        command.addAll(List.of(sizeOptions));
        command.addAll(List.of("-alias", "signing", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-dname", "CN=test", "-validity", "2", "-noprompt"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool output: %s", output).isZero();
        assertThat(store).exists();
        return store;
    }

    private static PublicKey certificateKey(Path store) throws IOException, GeneralSecurityException {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks.getCertificate("signing").getPublicKey();
    }

    @Test
    void privateKeyWithSomeoneElsesPublicKeyIsRefused() {
        for (java.security.KeyPair[] pairs : new java.security.KeyPair[][] {
                {KeyTesting.rsaKeyPair(2048), KeyTesting.rsaKeyPair(2048)},
                {KeyTesting.ecKeyPair("secp256r1"), KeyTesting.ecKeyPair("secp256r1")}}) {
            String pem = KeyTesting.pem("PRIVATE KEY", pairs[0].getPrivate().getEncoded())
                    + KeyTesting.pem("PUBLIC KEY", pairs[1].getPublic().getEncoded());
            SigningAlgorithm alg = pairs[0].getPrivate().getAlgorithm().equals("RSA") ? SigningAlgorithm.RS256
                    : SigningAlgorithm.ES256;

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeyImport.fromPem(pem, alg, "k1"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not belong together");
        }
    }
}
