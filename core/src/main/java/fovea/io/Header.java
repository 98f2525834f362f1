package fovea.io;

import fovea.tensor.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON header of a safetensors file: each tensor's dtype, shape and byte range in the buffer that follows,
 * and the optional string-to-string {@code __metadata__}. Parsing checks everything the format promises, so
 * that reading the buffer afterwards cannot go wrong.
 */
record Header(List<Header.Entry> entries, Map<String, String> metadata) {
    /** The key that holds metadata instead of a tensor. */
    static final String METADATA = "__metadata__";
    /** The largest header accepted, as in the reference implementation: a bound on what a hostile file can make us allocate. */
    static final long MAX_BYTES = 100_000_000;
    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");

    /** One tensor: its name, element type, shape and the range [begin, end) of its bytes in the buffer. */
    record Entry(String name, Dtype dtype, Shape shape, long begin, long end) {}

    /** The buffer size to pass to {@link #parse} when it is not known yet (a stream still being read). */
    static final long UNKNOWN = -1;

    /**
     * Parses and validates a header for a buffer of {@code bufferBytes}; entries come back in buffer order (the
     * writer's order), ties between empty tensors in header order. Errors start with {@code source}. With
     * {@link #UNKNOWN} bytes everything but the buffer's end is checked, and {@link #bufferBytes} says where the
     * tensors end.
     */
    static Header parse(String json, long bufferBytes, String source) throws IOException {
        if (!(Json.parseHeader(json, source) instanceof Map<?, ?> members)) {
            throw new IOException(source + ": header is not a JSON object; got " + abbreviate(json)
                    + ", expected {\"name\": {\"dtype\": ..., \"shape\": ..., \"data_offsets\": ...}, ...}");
        }
        Map<String, String> metadata = Map.of();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> member : members.entrySet()) {
            String name = (String) member.getKey();
            if (name.equals(METADATA)) metadata = metadata(member.getValue(), source);
            else entries.add(entry(name, member.getValue(), bufferBytes, source));
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        checkContiguous(entries, bufferBytes, source);
        return new Header(Collections.unmodifiableList(entries), metadata);
    }

    /**
     * The header bytes for float32 tensors laid out one after another in the given order, padded with spaces to
     * a multiple of 8 bytes as the reference writer does so that the buffer starts aligned; errors start with {@code op}.
     */
    static byte[] encode(String op, List<String> names, List<Shape> shapes, Map<String, String> metadata) {
        Map<String, Object> members = new LinkedHashMap<>();
        if (!metadata.isEmpty()) members.put(METADATA, metadata);
        long offset = 0;
        for (int i = 0; i < names.size(); i++) {
            long end = offset + 4L * shapes.get(i).numel();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", "F32");
            entry.put("shape", shapes.get(i).dims());
            entry.put("data_offsets", new long[] {offset, end});
            members.put(names.get(i), entry);
            offset = end;
        }
        String json;
        try {
            json = Json.write(members);
        } catch (IllegalArgumentException e) {
            // The only value Json refuses here is a string with an unpaired surrogate, which has no UTF-8 form.
            throw new IllegalArgumentException(op + ": a tensor name or metadata string is not valid "
                    + "Unicode; " + e.getMessage(), e);
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(bytes, (bytes.length + 7) / 8 * 8);
        Arrays.fill(padded, bytes.length, padded.length, (byte) ' ');
        return padded;
    }

    /** Where the last tensor ends: the size the buffer must have. */
    long bufferBytes() {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).end();
    }

    private static Map<String, String> metadata(Object value, String source) throws IOException {
        if (!(value instanceof Map<?, ?> members)) {
            throw new IOException(source + ": " + METADATA + " is not an object; got " + describe(value)
                    + ", expected {\"key\": \"value\", ...}");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> member : members.entrySet()) {
            if (!(member.getValue() instanceof String text)) {
                throw new IOException(source + ": " + METADATA + " value of " + Json.quote((String) member.getKey())
                        + " is not a string; got " + describe(member.getValue()) + ", expected a string");
            }
            metadata.put((String) member.getKey(), text);
        }
        return Collections.unmodifiableMap(metadata);
    }

    private static Entry entry(String name, Object value, long bufferBytes, String source) throws IOException {
        String where = source + ": tensor " + Json.quote(name);
        if (!(value instanceof Map<?, ?> fields)) {
            throw new IOException(where + " is not an object; got " + describe(value)
                    + ", expected {\"dtype\": ..., \"shape\": ..., \"data_offsets\": ...}");
        }
        for (Object key : fields.keySet()) {
            if (!ENTRY_KEYS.contains(key)) {
                throw new IOException(where + " has an unknown key; got " + Json.quote((String) key)
                        + ", expected only dtype, shape and data_offsets");
            }
        }
        for (String key : ENTRY_KEYS) {
            if (!fields.containsKey(key)) {
                throw new IOException(where + " has no " + key + "; got keys " + fields.keySet()
                        + ", expected dtype, shape and data_offsets");
            }
        }
        Dtype dtype = fields.get("dtype") instanceof String text ? Dtype.named(text) : null;
        if (dtype == null) {
            throw new IOException(where + " has an unsupported dtype; got " + describe(fields.get("dtype"))
                    + ", expected one of " + Dtype.names());
        }
        long[] dims = wholeNumbers(fields.get("shape"), -1, Integer.MAX_VALUE);
        if (dims == null) {
            throw new IOException(where + " has a bad shape; got " + describe(fields.get("shape"))
                    + ", expected a list of sizes from 0 to " + Integer.MAX_VALUE);
        }
        long[] offsets = wholeNumbers(fields.get("data_offsets"), 2, Long.MAX_VALUE);
        if (offsets == null || offsets[0] > offsets[1]) {
            throw new IOException(where + " has bad data_offsets; got " + describe(fields.get("data_offsets"))
                    + ", expected [begin, end] with 0 <= begin <= end");
        }
        if (bufferBytes != UNKNOWN && offsets[1] > bufferBytes) {
            throw new IOException(where + " has data_offsets past the end of the buffer; got " + describe(fields.get("data_offsets"))
                    + ", expected end <= " + bufferBytes + " (the bytes after the header)");
        }
        long numel = 1;
        for (long dim : dims) numel = Math.min(numel * dim, Integer.MAX_VALUE);   // both factors < 2^31: no overflow
        if (numel > Integer.MAX_VALUE - 16) {
            throw new IOException(where + " is too large for a Fovea tensor; got shape " + Arrays.toString(dims)
                    + ", expected fewer than 2^31 elements");
        }
        long expected = numel * dtype.size();
        if (offsets[1] - offsets[0] != expected) {
            throw new IOException(where + " has the wrong number of bytes; got data_offsets " + describe(fields.get("data_offsets"))
                    + " spanning " + (offsets[1] - offsets[0]) + " bytes, expected " + expected + " for " + dtype
                    + " " + Arrays.toString(dims));
        }
        int[] sizes = Arrays.stream(dims).mapToInt(Math::toIntExact).toArray();
        return new Entry(name, dtype, Shape.of(sizes), offsets[0], offsets[1]);
    }

    /** A JSON list of whole numbers in [0, max] (of {@code length} items unless negative), or null if it is not one. */
    private static long[] wholeNumbers(Object value, int length, long max) {
        if (!(value instanceof List<?> items) || (length >= 0 && items.size() != length)) return null;
        long[] numbers = new long[items.size()];
        for (int i = 0; i < numbers.length; i++) {
            if (!(items.get(i) instanceof Long number) || number < 0 || number > max) return null;
            numbers[i] = number;
        }
        return numbers;
    }

    /** The format requires the tensors to tile the buffer exactly: no overlaps, no holes, nothing left over. */
    private static void checkContiguous(List<Entry> entries, long bufferBytes, String source) throws IOException {
        long next = 0;
        Entry previous = null;
        for (Entry entry : entries) {
            if (entry.begin() < next) {
                throw new IOException(source + ": tensors " + Json.quote(previous.name()) + " " + range(previous)
                        + " and " + Json.quote(entry.name()) + " " + range(entry) + " overlap; got " + Json.quote(entry.name())
                        + " starting at " + entry.begin() + ", expected " + next);
            }
            if (entry.begin() > next) {
                throw new IOException(source + ": bytes [" + next + ", " + entry.begin() + ") of the buffer belong to no "
                        + "tensor (a hole); got " + Json.quote(entry.name()) + " starting at " + entry.begin()
                        + ", expected " + next);
            }
            next = entry.end();
            previous = entry;
        }
        if (bufferBytes != UNKNOWN && next != bufferBytes) {
            throw new IOException(source + ": bytes [" + next + ", " + bufferBytes + ") at the end of the buffer belong "
                    + "to no tensor; got " + bufferBytes + " bytes after the header, expected " + next);
        }
    }

    private static String range(Entry entry) {
        return "[" + entry.begin() + ", " + entry.end() + ")";
    }

    /** A parsed JSON value as it appeared, for error messages. */
    private static String describe(Object value) {
        if (value instanceof String text) return Json.quote(text);
        if (value instanceof Map<?, ?>) return "an object";
        return abbreviate(String.valueOf(value));
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
