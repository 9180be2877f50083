package dev.ndesdiag.diff;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.ndesdiag.api.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads back a JSON report of format 1, as {@code --format json} writes it, into {@link ReportFacts},
 * with Jackson's streaming parser. Bounded like any input: at most {@link #MAX_BYTES} bytes, nesting 64
 * deep, and every field it needs checked for its type, so a wrong or hostile file is a {@link
 * ReportFormatException} naming the field, never a stack trace.
 */
public final class JsonReportReader {

    /** The largest report read: far above any real report (a few hundred KB). */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(8 * 1024 * 1024).build())
            .build();

    /** A file that is not a JSON report of format 1. */
    public static final class ReportFormatException extends Exception {
        private static final long serialVersionUID = 1L;

        ReportFormatException(String message) {
            super(message);
        }

        ReportFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private JsonReportReader() {
    }

    /**
     * Tells whether a file looks like a JSON report (a regular file whose first non-blank byte is
     * {@code &#123;}) rather than a bundle (a folder or a zip).
     *
     * @param path the file; never null
     * @return true when it should be read as JSON
     * @throws IOException when it cannot be read
     */
    public static boolean looksLikeJson(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            int b;
            int seen = 0;
            while ((b = in.read()) >= 0 && seen++ < 4096) {
                if (b == '{') {
                    return true;
                }
                if (!Character.isWhitespace(b) && b != 0xEF && b != 0xBB && b != 0xBF) {
                    return false;
                }
            }
            return false;
        }
    }

    /**
     * Reads a JSON report.
     *
     * @param path the file; never null
     * @return its facts; never null
     * @throws ReportFormatException when it is too large, not JSON, or not a report of format 1
     * @throws IOException when it cannot be read
     */
    public static ReportFacts read(Path path) throws ReportFormatException, IOException {
        long size = Files.size(path);
        if (size > MAX_BYTES) {
            throw new ReportFormatException(path.getFileName() + " is " + size + " bytes, more than a report can be ("
                    + MAX_BYTES + ")");
        }
        Object root;
        try (JsonParser p = FACTORY.createParser(path.toFile())) {
            if (p.nextToken() == null) {
                throw new ReportFormatException(path.getFileName() + " is empty");
            }
            root = value(p);
        } catch (JsonProcessingException e) {
            throw new ReportFormatException(path.getFileName() + " is not valid JSON (" + where(e) + ")", e);
        }
        return facts(root, path.getFileName().toString());
    }

    /**
     * Reads a JSON report from text.
     *
     * @param json the text; never null
     * @param name what to call it in messages
     * @return its facts; never null
     * @throws ReportFormatException when it is not JSON or not a report of format 1
     */
    public static ReportFacts read(String json, String name) throws ReportFormatException {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() == null) {
                throw new ReportFormatException(name + " is empty");
            }
            return facts(value(p), name);
        } catch (JsonProcessingException e) {
            throw new ReportFormatException(name + " is not valid JSON (" + where(e) + ")", e);
        } catch (IOException e) {
            throw new ReportFormatException(name + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** "line 3: Unexpected character", or the message alone when Jackson has no location (a limit was hit). */
    private static String where(JsonProcessingException e) {
        return (e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ") + e.getOriginalMessage();
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, value(p));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonProcessingException("unexpected " + t, p.currentLocation()) { };
        }
    }

    private static ReportFacts facts(Object root, String name) throws ReportFormatException {
        Map<?, ?> r = object(root, name, "the document");
        if (!"ndes-diag-report".equals(r.get("schema"))) {
            String hint = "ndes-diag-fleet".equals(r.get("schema")) ? " (it is a fleet summary: diff one server's report)"
                    : "";
            throw new ReportFormatException(name + " is not an ndes-diag JSON report: its \"schema\" is not "
                    + "\"ndes-diag-report\"" + hint);
        }
        if (!(r.get("schemaVersion") instanceof Number v) || v.intValue() != 1) {
            throw new ReportFormatException(name + " is a report of a format this version does not read "
                    + "(\"schemaVersion\" is not 1)");
        }
        Map<?, ?> target = object(r.get("target"), name, "\"target\"");
        Map<?, ?> summary = object(r.get("summary"), name, "\"summary\"");
        List<ReportFacts.CheckFacts> checks = new ArrayList<>();
        int i = 0;
        for (Object o : array(r.get("results"), name, "\"results\"")) {
            String where = "results[" + i++ + "]";
            Map<?, ?> c = object(o, name, where);
            List<ReportFacts.FindingFacts> findings = new ArrayList<>();
            int j = 0;
            for (Object fo : array(c.get("findings"), name, where + ".findings")) {
                String fw = where + ".findings[" + j++ + "]";
                Map<?, ?> f = object(fo, name, fw);
                findings.add(new ReportFacts.FindingFacts(status(f.get("status"), name, fw + ".status"),
                        string(f.get("code"), name, fw + ".code"), string(f.get("message"), name, fw + ".message")));
            }
            checks.add(new ReportFacts.CheckFacts(string(c.get("id"), name, where + ".id"),
                    c.get("title") instanceof String t ? t : "", status(c.get("status"), name, where + ".status"), findings));
        }
        return new ReportFacts(optional(target.get("host")), optional(target.get("source")),
                string(target.get("collectedAt"), name, "target.collectedAt"),
                status(summary.get("status"), name, "summary.status"), checks);
    }

    private static Map<?, ?> object(Object o, String name, String where) throws ReportFormatException {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new ReportFormatException(name + ": " + where + " is not a JSON object");
    }

    private static List<?> array(Object o, String name, String where) throws ReportFormatException {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new ReportFormatException(name + ": " + where + " is not a JSON array");
    }

    private static String string(Object o, String name, String where) throws ReportFormatException {
        if (o instanceof String s) {
            return s;
        }
        throw new ReportFormatException(name + ": " + where + " is not a string");
    }

    private static Optional<String> optional(Object o) {
        return o instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static Status status(Object o, String name, String where) throws ReportFormatException {
        String s = string(o, name, where);
        try {
            return Status.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new ReportFormatException(name + ": " + where + " is \"" + s.substring(0, Math.min(40, s.length()))
                    + "\", not one of PASS, WARN, FAIL, ERROR, SKIPPED");
        }
    }
}
