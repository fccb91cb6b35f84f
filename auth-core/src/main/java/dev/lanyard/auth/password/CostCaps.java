package dev.lanyard.auth.password;

/**
 * The highest cost a stored hash may ask for before it is verified or imported. A hash's parameters come
 * from wherever it was made (an import file, another system's database): without a cap, one hash with
 * m=1 GiB or t=100 makes every attempt on its account cost gigabytes and seconds, and a few parallel
 * attempts exhaust the heap.
 */
record CostCaps(int argon2MemoryKiB, int argon2Iterations, int argon2Parallelism, int bcryptCost,
                int pbkdf2Iterations) {

    static final CostCaps DEFAULTS = new CostCaps(131_072, 10, 16, 14, 2_000_000);

    /**
     * @throws IllegalArgumentException naming the parameter, its value and the cap; never the hash
     */
    void check(StoredHash stored) {
        if (stored instanceof Argon2idHash a) {
            above("argon2id memory (m, KiB)", a.memoryKiB(), argon2MemoryKiB);
            above("argon2id iterations (t)", a.iterations(), argon2Iterations);
            above("argon2id parallelism (p)", a.parallelism(), argon2Parallelism);
        } else if (stored instanceof BcryptHash b) {
            above("bcrypt cost", b.cost(), bcryptCost);
        } else if (stored instanceof Pbkdf2Sha256Hash p) {
            above("pbkdf2-sha256 iterations", p.iterations(), pbkdf2Iterations);
        }
    }

    private static void above(String what, int value, int cap) {
        if (value > cap) {
            throw new IllegalArgumentException("the hash's " + what + " is " + value + ", above the accepted maximum of "
                    + cap + " (a hash that costly would let a few logins exhaust the server; rehash it with lower "
                    + "parameters, or raise the server's cap)");
        }
    }
}
