package dev.lanyard.auth.internal;

/**
 * The one check for identifiers that arrive from outside (usernames, client ids, codes, token
 * strings), used by core and servlet alike, and the one way to put such a value into a message.
 *
 * <p>A clean identifier has no control character (Cc: NUL, CR, LF...), no format character (Cf:
 * U+200B zero-width space, bidi overrides...), no other default-ignorable code point (variation
 * selectors, Hangul fillers), no line or paragraph separator and no unpaired surrogate. None of these
 * can be part of a name anyone types, some break the databases (PostgreSQL refuses NUL in text), and
 * they forge log lines or hide characters: an identifier carrying one is refused before any store call.
 */
public final class Identifiers {

    /** The most characters of a value {@link #quote} shows. */
    static final int QUOTE_MAX = 64;

    private Identifiers() {
    }

    /** Whether {@code value} is null or carries none of the characters an identifier must not hold. */
    public static boolean isClean(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (!allowed(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * The value in single quotes, safe for a log line or an exception message: everything outside
     * printable ASCII (and the quote and backslash) escaped as {@code \\uXXXX}, cut after
     * 64 characters. Only for values that are the caller's own (an import file, an
     * admin's request), never to echo what an anonymous caller sent.
     */
    public static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), QUOTE_MAX) + 8).append('\'');
        int shown = 0;
        for (int i = 0; i < value.length() && shown < QUOTE_MAX; i++, shown++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '\'' || c == '\\') {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\'');
        return shown < value.length() ? out.append("...").toString() : out.toString();
    }

    /** What an event or a log names a principal by: the value when clean, else its {@link #quote}d form. */
    public static String forLog(String value) {
        return value == null || (isClean(value) && value.length() <= QUOTE_MAX) ? value : quote(value);
    }

    private static boolean allowed(int cp) {
        if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
            return false; // unpaired: a pair was read as one supplementary code point
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> !defaultIgnorable(cp);
        };
    }

    /** Default_Ignorable_Code_Point (Unicode DerivedCoreProperties) outside Cf. */
    private static boolean defaultIgnorable(int cp) {
        return cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5
                || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164
                || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8)
                || (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A)
                || (cp >= 0xE0000 && cp <= 0xE0FFF);
    }

    /**
     * The prefix that names an entry of a bulk write in an error, {@code "entry 3: "}; nothing for a write
     * of one, which has no entries to count (a {@code create} says only what is wrong).
     */
    public static String entry(int index, int of) {
        return of == 1 ? "" : "entry " + (index + 1) + ": ";
    }
}
