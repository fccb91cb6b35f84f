package dev.lanyard.auth.examples;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the files named on a command line, turning every failure into a one-line usage error. */
final class InputFiles {

    private InputFiles() {
    }

    /** @throws IllegalArgumentException naming the file when it is missing or unreadable */
    static String read(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            throw new IllegalArgumentException(file + ": CSV is not supported, use YAML or JSON (see --help)");
        }
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }
}
