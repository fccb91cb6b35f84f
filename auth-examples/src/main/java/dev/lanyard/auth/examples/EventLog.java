package dev.lanyard.auth.examples;

import dev.lanyard.auth.event.AuthEvent;
import dev.lanyard.auth.event.AuthEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's audit log: every {@link AuthEvent} as one INFO line. Events carry ids and names, never a
 * secret or token; a failed login's name is what the caller typed, so control characters (forged log
 * lines) and format characters (invisible or reordering ones) are escaped and the line is capped.
 */
final class EventLog implements AuthEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
    private static final int MAX = 600;

    @Override
    public void onEvent(AuthEvent event) {
        LOG.info("{}", printable(event.toString()));
    }

    /** Escapes control characters and caps the length of a log line made of caller input. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX));
        int i = 0;
        for (; i < s.length() && out.length() < MAX; i++) {
            char c = s.charAt(i);
            // Format characters too (U+200B, U+202E): invisible, or reordering what a reader sees.
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029
                    || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return i < s.length() ? out + "..." : out.toString();
    }
}
