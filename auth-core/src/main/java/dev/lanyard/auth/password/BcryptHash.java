package dev.lanyard.auth.password;

import dev.lanyard.auth.internal.OptionalDependency;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $2a$}, {@code $2b$} and {@code $2y$} bcrypt, for imported hashes. bcrypt reads only the first 72
 * bytes of the UTF-8 password. Costs above 16 (about 65,000 rounds, several seconds per check) are refused
 * as malformed so an imported hash cannot become a denial of service.
 */
final class BcryptHash implements StoredHash {

    static final int MIN_COST = 4;
    static final int MAX_COST = 16;

    /** {@code $2<variant>$<cost>$<22 chars salt><31 chars hash>}, bcrypt's own base64 alphabet. */
    private static final Pattern FORMAT = Pattern.compile("\\$2([aby])\\$([0-9]{2})\\$[./A-Za-z0-9]{53}");

    private final String encoded;
    private final int cost;

    private BcryptHash(String encoded, int cost) {
        this.encoded = encoded;
        this.cost = cost;
    }

    int cost() {
        return cost;
    }

    static boolean looksLikeBcrypt(String encoded) {
        // "$2$", "$2a$", "$2x$", ...: bcrypt's family, so an unsupported variant gets a bcrypt-specific message.
        return encoded.startsWith("$2$") || encoded.startsWith("$2") && encoded.length() > 3 && encoded.charAt(3) == '$';
    }

    static BcryptHash parse(String encoded) {
        Matcher m = FORMAT.matcher(encoded);
        if (!m.matches()) {
            throw HashFormat.malformed("a bcrypt hash reads $2a$, $2b$ or $2y$, a two-digit cost, '$' and 53 characters"
                    + " of bcrypt base64 (60 in all)");
        }
        int cost = HashFormat.boundedInt(m.group(2), MIN_COST, MAX_COST, "bcrypt cost");
        return new BcryptHash(encoded, cost);
    }

    @Override
    public boolean matches(char[] password, byte[] utf8) {
        OptionalDependency.BOUNCY_CASTLE.require("Verifying a bcrypt password hash");
        try {
            // Bouncy Castle compares the recomputed string in constant time and zeroes its own copy.
            return OpenBSDBCrypt.checkPassword(encoded, utf8);
        } catch (RuntimeException e) {
            throw HashFormat.malformed("the bcrypt implementation rejected the hash", e);
        }
    }

    @Override
    public String toString() {
        return "bcrypt";
    }
}
