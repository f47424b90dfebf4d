{
  "formatVersion" : 1,
  "algorithm" : "Ed25519",
  "keyId" : "sha256:7d55950f430f0d3f8089e3d5e93f4e34962ffa4eb66c4ce6461785b4a29235ac",
  "manifestSha256" : "38707199301338a376370d4489a000446cdd9bc0e965a3ea5f15fd1eebbdd671",
  "files" : {
    "migrations/V1__create_notes.sql" : "972b4f1dee10e5303d77e0bea3a4bd355139eb2a1fd4808bd1409327a00ac152"
  },
  "signature" : "kkyOH5PRffelmUlAHXg6ygwQPLKcA4iDiWtqNRmCSoH+ur0LVSmWzpOuQAZGPmvRJVQOiWAFQNwVyS4t5queAQ=="
}