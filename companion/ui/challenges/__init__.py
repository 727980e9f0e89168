"""My challenges: the learner's own issues placed on the Stacey matrix, with their history."""
