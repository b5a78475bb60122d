"""Password rules suited to Chinese users (docs/security.md)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Patterns that Chinese users commonly choose and attackers try first.
_COMMON_PATTERNS = [
    r"^(.)\1+$",  # one repeated character
    r"^(?:0123456789|1234567890|9876543210)",
    r"^(?:woaini|5201314|1314520|iloveyou|qwerty|asdfgh|zxcvbn|password|mima)",
]


class ChinesePasswordValidator:
    """Requires letters and digits, and refuses well-known Chinese password patterns,
    mobile numbers and ID-card numbers (which are printed on too many documents)."""

    def validate(self, password: str, user=None) -> None:
        lowered = password.lower()
        if any(re.search(pattern, lowered) for pattern in _COMMON_PATTERNS):
            raise ValidationError(_("This password is too common."), code="password_common_cn")
        if re.fullmatch(r"1[3-9]\d{9}", password) or re.fullmatch(r"\d{17}[\dXx]", password):
            raise ValidationError(
                _("Do not use a mobile or ID-card number as a password."),
                code="password_is_identifier",
            )
        if not (re.search(r"[A-Za-z]", password) and re.search(r"\d", password)):
            raise ValidationError(
                _("The password must contain both letters and digits."),
                code="password_letters_digits",
            )

    def get_help_text(self) -> str:
        return _(
            "Use letters and digits; not a mobile number, ID number or a common pattern such as "
            "5201314."
        )
