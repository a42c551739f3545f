/* rng.h: small deterministic random numbers (splitmix64 seeding, xoshiro256**). */
#ifndef RV_RNG_H
#define RV_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, 1). */
double rng_uniform(struct rng *r);
/* Uniform integer in [0, n), n > 0, without modulo bias. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Standard normal (Box-Muller). */
double rng_normal(struct rng *r);
/* Stateless hash of (seed, a, b) to a uniform float in [0, 1): for
 * dropout masks that do not depend on thread scheduling. */
float rng_hash01(uint64_t seed, uint64_t a, uint64_t b);

#endif
