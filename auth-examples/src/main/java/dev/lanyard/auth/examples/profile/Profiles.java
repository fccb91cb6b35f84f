package dev.lanyard.auth.examples.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The profiles {@code serve --profile} knows, by name.
 *
 * <pre>{@code
 * Profile simacan = Profiles.named("simacan");   // IllegalArgumentException naming the known ones otherwise
 * }</pre>
 */
public final class Profiles {

    private static final Map<String, Profile> ALL = new LinkedHashMap<>();

    static {
        for (Profile p : List.of(new StandardProfile(), new SermasProfile(), new NextomeProfile(),
                new SimacanProfile(), new SimpliciteProfile(), new FlaskProfile())) {
            ALL.put(p.name(), p);
        }
    }

    private Profiles() {
    }

    /** @throws IllegalArgumentException naming the known profiles */
    public static Profile named(String name) {
        Profile p = ALL.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown profile '" + name + "'; choose one of " + names());
        }
        return p;
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }
}
