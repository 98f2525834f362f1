package fovea.data;

import java.net.URI;
import java.util.Map;

/** Where to download a dataset's files from, and the MD5 checksum each file must have. */
public record Mirror(URI base, Map<String, String> md5) {
    /** Checks that the base is an http(s) folder address and that every checksum is 32 hex digits. */
    public Mirror {
        String scheme = base.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("Mirror: base must be an http or https address; got " + base);
        }
        if (!base.getPath().endsWith("/")) base = URI.create(base + "/"); // resolve() then keeps the last segment
        md5 = Map.copyOf(md5);
        md5.forEach((name, sum) -> {
            if (!sum.matches("[0-9a-f]{32}")) {
                throw new IllegalArgumentException("Mirror: the MD5 of " + name + " must be 32 lowercase hex digits; got " + sum);
            }
        });
    }

    /** The address of one file. */
    public URI address(String name) {
        return base.resolve(name);
    }
}
