package dev.lanyard.auth.key;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads signing keys made by other tools: PEM files (as written by OpenSSL) and PKCS#12 keystores.
 *
 * <pre>{@code
 * // openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pem
 * SigningKey key = KeyImport.fromPem(Path.of("key.pem"), SigningAlgorithm.RS256, "rsa-2026");
 * SigningKey fromStore = KeyImport.fromPkcs12(Path.of("keys.p12"), "changeit".toCharArray(),
 *         "signing", SigningAlgorithm.ES256, null);
 * KeyRing ring = KeyRing.of(key);
 * }</pre>
 *
 * <p>PEM input holds an unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}), optionally followed
 * by its public key or certificate; or only a public key ({@code BEGIN PUBLIC KEY}) or certificate for a
 * verify-only key. The older PKCS#1 and SEC 1 forms are refused with the OpenSSL command that converts
 * them.
 */
public final class KeyImport {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private KeyImport() {
    }

    /**
     * Reads a key from a PEM file. {@code kid} may be null to use the RFC 7638 thumbprint.
     *
     * @param file      the PEM file
     * @param algorithm the algorithm the key is for
     @param kid       the key id; null for the RFC 7638 thumbprint
     * @return the key
     * @throws IllegalArgumentException naming what the file lacks or holds that cannot be used
     */
    public static SigningKey fromPem(Path file, SigningAlgorithm algorithm, String kid) {
        try {
            return fromPem(Files.readString(file, StandardCharsets.US_ASCII), algorithm, kid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PEM file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a key from PEM text; see {@link #fromPem(Path, SigningAlgorithm, String)}.
     *
     * @param pem       the PEM text
     * @param algorithm the algorithm the key is for
     * @param kid       the key id; null for the RFC 7638 thumbprint
     * @return the key
     * @throws IllegalArgumentException naming what the text lacks or holds that cannot be used
     */
    public static SigningKey fromPem(String pem, SigningAlgorithm algorithm, String kid) {
        Objects.requireNonNull(pem, "pem");
        Objects.requireNonNull(algorithm, "algorithm");
        if (algorithm.isSymmetric()) {
            throw new IllegalArgumentException("HS256 secrets do not come in PEM files; use SigningKey.hmac(..)");
        }
        PrivateKey privateKey = null;
        PublicKey publicKey = null;
        List<String> seen = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            seen.add(type);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (type) {
                case "PRIVATE KEY" -> privateKey = privateKey(der, algorithm);
                case "PUBLIC KEY" -> publicKey = publicKey(der, algorithm);
                case "CERTIFICATE" -> publicKey = publicKey == null ? certificateKey(der) : publicKey;
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IllegalArgumentException("holds a '" + type
                        + "' block (PKCS#1 / SEC 1); convert it to PKCS#8 with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem'");
                case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException("holds an encrypted private key; "
                        + "decrypt it with 'openssl pkcs8 -in enc.pem -out key.pem' or use a PKCS#12 keystore");
                default -> throw new IllegalArgumentException("holds an unexpected '" + type + "' block");
            }
        }
        if (privateKey == null && publicKey == null) {
            throw new IllegalArgumentException("holds no PEM key block (expected 'BEGIN PRIVATE KEY', "
                    + "'BEGIN PUBLIC KEY' or 'BEGIN CERTIFICATE')");
        }
        if (publicKey == null) {
            publicKey = derivePublic(privateKey);
        }
        return SigningKey.fromKeyPair(algorithm, publicKey, privateKey, kid);
    }

    /**
     * Reads the key pair stored under {@code alias} in a PKCS#12 keystore. {@code kid} may be null to
     * use the RFC 7638 thumbprint.
     *
     * @param file      the {@code .p12} file
     * @param password  the keystore's password
     * @param alias     the entry's alias
     * @param algorithm the algorithm the key is for
     * @param kid       the key id; null for the thumbprint
     * @return the key
     */
    public static SigningKey fromPkcs12(Path file, char[] password, String alias, SigningAlgorithm algorithm,
                                        String kid) {
        Objects.requireNonNull(alias, "alias");
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!store.containsAlias(alias)) {
                throw new IllegalArgumentException("keystore " + file + " has no entry '" + alias + "'");
            }
            Key key = store.getKey(alias, password);
            Certificate cert = store.getCertificate(alias);
            if (!(key instanceof PrivateKey privateKey) || cert == null) {
                throw new IllegalArgumentException("keystore entry '" + alias + "' in " + file
                        + " is not a private key with a certificate");
            }
            return SigningKey.fromKeyPair(algorithm, cert.getPublicKey(), privateKey, kid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keystore " + file + " (wrong password?): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(byte[] der, SigningAlgorithm algorithm) {
        try {
            return KeyFactory.getInstance(jcaName(algorithm)).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("its private key is not a " + jcaName(algorithm) + " key in PKCS#8 form", e);
        }
    }

    private static PublicKey publicKey(byte[] der, SigningAlgorithm algorithm) {
        try {
            return KeyFactory.getInstance(jcaName(algorithm)).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("its public key is not a " + jcaName(algorithm) + " key", e);
        }
    }

    private static PublicKey certificateKey(byte[] der) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der)).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("its certificate cannot be parsed", e);
        }
    }

    private static PublicKey derivePublic(PrivateKey key) {
        if (key instanceof RSAPrivateCrtKey rsa) {
            try {
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot derive the RSA public key", e);
            }
        }
        throw new IllegalArgumentException("holds a " + key.getAlgorithm()
                + " private key without its public key; append the 'BEGIN PUBLIC KEY' block "
                + "('openssl pkey -in key.pem -pubout >> key.pem')");
    }

    private static String jcaName(SigningAlgorithm algorithm) {
        return switch (algorithm) {
            case RS256, PS256 -> "RSA";
            case ES256 -> "EC";
            case EDDSA -> "Ed25519";
            case HS256 -> throw new IllegalArgumentException("HS256 has no key pair");
        };
    }
}
