"""The versioned REST API for agencies' systems (Art. 21 para 2, 信息化管理) and its tokens.

Top of the dependency chain: it reads and writes every app through their selectors, services
and lms.permissions; no app imports it.
"""
