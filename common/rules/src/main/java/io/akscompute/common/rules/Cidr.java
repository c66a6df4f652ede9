package io.akscompute.common.rules;

/**
 * An IPv4 network in CIDR notation ({@code 10.0.0.0/16}). Host bits are tolerated as Kubernetes and
 * Go's {@code ParseCIDR} do ({@code 10.0.0.5/16} is the network 10.0.0.0/16). Addresses are plain
 * {@code int}s; parsing never touches DNS (unlike {@code InetAddress}).
 */
public final class Cidr {
    private final int network;
    private final int prefixLength;

    private Cidr(int network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** @throws IllegalArgumentException with a reason a user can act on */
    public static Cidr parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("it is empty");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("the prefix length is missing (/n after the address)");
        }
        int address = parseAddress(text.substring(0, slash));
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("[0-9]{1,2}") || Integer.parseInt(prefix) > 32) {
            throw new IllegalArgumentException("the prefix length '" + prefix + "' is not a number from 0 to 32");
        }
        int length = Integer.parseInt(prefix);
        return new Cidr(address & mask(length), length);
    }

    /** Dotted-quad IPv4 address: four decimal numbers 0-255 without leading zeros. */
    public static int parseAddress(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("the address is empty");
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("an IPv4 address has four numbers separated by dots, like 10.0.0.10");
        }
        int address = 0;
        for (String part : parts) {
            // Leading zeros are refused: some tools read them as octal.
            if (!part.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException("'" + part + "' is not a number from 0 to 255");
            }
            address = (address << 8) | Integer.parseInt(part);
        }
        return address;
    }

    public static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    private static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public int prefixLength() {
        return prefixLength;
    }

    public int networkAddress() {
        return network;
    }

    /** network + 1: the address Kubernetes gives the API service ({@code kubernetes.default}). */
    public int firstAddress() {
        return network + 1;
    }

    public long size() {
        return 1L << (32 - prefixLength);
    }

    public boolean contains(int address) {
        return (address & mask(prefixLength)) == network;
    }

    /** Two CIDR blocks overlap exactly when one contains the other's network address. */
    public boolean overlaps(Cidr other) {
        return contains(other.network) || other.contains(network);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.network == network && c.prefixLength == prefixLength;
    }

    @Override
    public int hashCode() {
        return 31 * network + prefixLength;
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }
}
