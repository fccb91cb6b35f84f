package dev.lanyard.auth.examples;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * What a demo server acknowledged (answered 2xx): the refresh families it started and rotated, the
 * families and access tokens it revoked. {@link #check} asks a restarted server whether all of it
 * held and counts what did not.
 */
final class Acknowledged {

    /** One refresh family as the client saw it. */
    static final class Family {
        String current;
        String access;
        final List<String> rotated = new ArrayList<>();
        boolean revoked;

        Family(JsonNode pair) {
            current = pair.get("refresh_token").asText();
            access = pair.get("access_token").asText();
        }
    }

    final List<Family> families = new ArrayList<>();
    final List<String> revokedAccess = new ArrayList<>();
    int rotations;
    int revocations;
    /** Writes the server refused with 503 temporarily_unavailable: not acknowledged. */
    int unavailable;

    /** Records a login's answer; true when acknowledged. */
    boolean login(HttpResponse<String> r) {
        if (!acknowledged(r)) {
            return false;
        }
        families.add(new Family(ChildServer.json(r)));
        return true;
    }

    /** Records a rotation's answer; true when acknowledged. */
    boolean rotated(Family f, HttpResponse<String> r) {
        if (!acknowledged(r)) {
            return false;
        }
        JsonNode pair = ChildServer.json(r);
        f.rotated.add(f.current);
        f.current = pair.get("refresh_token").asText();
        f.access = pair.get("access_token").asText();
        rotations++;
        return true;
    }

    boolean revokedFamily(Family f, HttpResponse<String> r) {
        if (!acknowledged(r)) {
            return false;
        }
        f.revoked = true;
        revocations++;
        return true;
    }

    boolean revokedAccess(String access, HttpResponse<String> r) {
        if (!acknowledged(r)) {
            return false;
        }
        revokedAccess.add(access);
        revocations++;
        return true;
    }

    List<Family> live() {
        return families.stream().filter(f -> !f.revoked).toList();
    }

    private boolean acknowledged(HttpResponse<String> r) {
        if (r.statusCode() / 100 == 2) {
            return true;
        }
        if (r.statusCode() == 503 && r.body().contains("temporarily_unavailable")) {
            unavailable++;
            return false;
        }
        throw new AssertionError("neither acknowledged nor 503 temporarily_unavailable: " + r.statusCode() + " " + r.body());
    }

    /** What a restarted server lost of what was acknowledged. */
    record Lost(int rotations, int revocations, List<String> what) {
    }

    /**
     * Asks {@code server} for everything acknowledged: each live family's newest refresh token works
     * (it is rotated once more), each token it replaced is refused as reused (which ends the family),
     * each revoked family's token and each revoked access token is refused.
     */
    Lost check(ChildServer server) {
        int lostRotations = 0;
        int lostRevocations = 0;
        List<String> what = new ArrayList<>();
        for (String access : revokedAccess) {
            if (server.get("/api/whoami", access).statusCode() != 401) {
                lostRevocations++;
                what.add("a revoked access token works again");
            }
        }
        for (Family f : families) {
            if (f.revoked) {
                if (server.refresh(f.current).statusCode() != 400) {
                    lostRevocations++;
                    what.add("a revoked family's refresh token works again");
                }
                continue;
            }
            HttpResponse<String> next = server.refresh(f.current);
            if (next.statusCode() != 200) {
                lostRotations++;
                what.add("the newest acknowledged refresh token is refused: " + next.statusCode() + " " + next.body());
                continue;
            }
            f.rotated.add(f.current);
            f.current = ChildServer.json(next).get("refresh_token").asText();
            // the tokens replaced before the one just rotated: outside any grace window, reuse
            for (String old : f.rotated.subList(0, f.rotated.size() - 1)) {
                if (server.refresh(old).statusCode() != 400) {
                    lostRotations++;
                    what.add("a rotated refresh token was accepted again");
                }
                f.revoked = true; // a replay ends the family
            }
        }
        return new Lost(lostRotations, lostRevocations, what);
    }
}
