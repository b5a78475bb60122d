"""A cheaper hasher for generated initial passwords only.

Initial passwords are 12 random characters from a 31-symbol alphabet (about 59 bits), shown
once and changed at first login, when Django re-hashes them with the default PBKDF2 hasher.
The slow default (over a million iterations) exists to protect low-entropy human passwords;
for random ones it only made a 10,000-person roster import take most of an hour.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class InitialPasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_initial"
    iterations = 2_000
