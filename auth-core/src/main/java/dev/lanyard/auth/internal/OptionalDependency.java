package dev.lanyard.auth.internal;

/**
 * The optional dependencies of auth-core: an app that only verifies tokens needs neither. Each is
 * looked up once; a feature that needs an absent one fails with a message naming the artifact.
 */
public enum OptionalDependency {

    /** Argon2id and bcrypt password hashes, and the faster Ed25519 verifier. */
    BOUNCY_CASTLE("org.bouncycastle.crypto.generators.Argon2BytesGenerator", "org.bouncycastle:bcprov-jdk18on"),
    /** YAML import files (JSON ones need nothing more). */
    JACKSON_YAML("com.fasterxml.jackson.dataformat.yaml.YAMLFactory",
            "com.fasterxml.jackson.dataformat:jackson-dataformat-yaml");

    private final boolean present;
    private final String artifact;

    OptionalDependency(String probe, String artifact) {
        this.present = isPresent(probe);
        this.artifact = artifact;
    }

    /** Whether this dependency is on the class path. */
    public boolean present() {
        return present;
    }

    /**
     * Does nothing when the dependency is present; otherwise refuses the feature, naming what to add.
     *
     * @param feature what needs it, as a sentence's subject ("Argon2id password hashing")
     * @throws IllegalStateException when the dependency is absent
     */
    public void require(String feature) {
        if (!present) {
            throw new IllegalStateException(missing(feature));
        }
    }

    /** The message for {@code feature} when this dependency is absent. */
    public String missing(String feature) {
        return feature + " needs " + artifact + " on the class path: it is an optional dependency of "
                + "auth-core, add it to your build (see the README's \"Which feature needs which dependency\")";
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, OptionalDependency.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
