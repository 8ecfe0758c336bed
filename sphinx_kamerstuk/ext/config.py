"""The ``kamerstuk_*`` configuration values: declared once, typed and validated."""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from sphinx_kamerstuk.core.citations import DEFAULT_URL_BASE, STYLES
from sphinx_kamerstuk.core.records import Afzender
from sphinx_kamerstuk.ext.directive import iso_date
from sphinx_kamerstuk.ext.i18n import __
from sphinx_kamerstuk.ext.messages import log_warning

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config, _ConfigRebuild

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    """One configuration value and the rule it must follow."""

    name: str
    default: Any
    description: str
    #: Returns what was expected when a value breaks the rule, else ``None``.
    check: Callable[[Any], str | None]
    #: Rebuild ``env``: every value here is read while parsing sources.
    rebuild: _ConfigRebuild = 'env'
    #: The types Sphinx accepts; by default the default's type.
    types: frozenset[type] = frozenset()


def one_of(*choices: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if value in choices:
            return None
        return __('one of %s') % ', '.join(repr(choice) for choice in choices)

    return check


def web_address(value: Any) -> str | None:
    if isinstance(value, str) and re.fullmatch(r'https?://[^\s"<>]+/', value):
        return None
    return __("a web address starting with 'https://' and ending in '/'")


def text(value: Any) -> str | None:
    return None if isinstance(value, str) else __('a string')


def iso_date_or_none(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and iso_date(value)):
        return None
    return __('a date written YYYY-MM-DD, or None for today')


def termijn_rules(value: Any) -> str | None:
    from sphinx_kamerstuk.core.termijnen import Rules

    try:
        Rules.from_config(value)
    except ValueError as exc:
        return str(exc)
    return None


def paths(value: Any) -> str | None:
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return None
    return __('a list of file paths (relative to conf.py)')


#: A web address, ``https://`` optional: a host name, then a path.
_WEBSITE = re.compile(r'(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:[/?#][^\s"<>\\{}]*)?')
#: The keys of ``kamerstuk_afzender``: lines (text, or a list of lines), or a flag.
AFZENDER_LINES = ('bezoekadres', 'postadres', 'regels')
AFZENDER_KEYS = (*AFZENDER_LINES, 'website', 'correspondentie')


def afzender(value: Any) -> str | None:
    expected = __(
        "a dict with 'bezoekadres', 'postadres' and 'regels' (text, or a list of lines), "
        "'website' (such as 'www.rijksoverheid.nl') and 'correspondentie' (True or False)"
    )
    if not isinstance(value, dict) or any(key not in AFZENDER_KEYS for key in value):
        return expected
    for key in AFZENDER_LINES:
        lines = value.get(key, '')
        if not isinstance(lines, str) and not (
            isinstance(lines, list | tuple) and all(isinstance(line, str) for line in lines)
        ):
            return expected
    website = value.get('website', '')
    if not isinstance(website, str) or (website and not _WEBSITE.fullmatch(website)):
        return expected
    if not isinstance(value.get('correspondentie', False), bool):
        return expected
    return None


def afzender_record(value: dict[str, Any]) -> Afzender | None:
    """The valid ``kamerstuk_afzender`` as the letters keep it; ``None`` when empty."""

    def lines(key: str) -> tuple[str, ...]:
        given = value.get(key, ())
        given = given.splitlines() if isinstance(given, str) else given
        return tuple(line.strip() for line in given if line.strip())

    record = Afzender(
        bezoekadres=lines('bezoekadres'),
        postadres=lines('postadres'),
        website=value.get('website', '').strip(),
        regels=lines('regels'),
        correspondentie=value.get('correspondentie', False),
    )
    return None if record == Afzender() else record


def days(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 3660:
        return None
    return __('a whole number of days from 0 to 3660')


def boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else __('True or False')


SETTINGS: tuple[Setting, ...] = (
    Setting(
        'kamerstuk_citeerstijl',
        'aanwijzingen',
        'How citation roles write references: "aanwijzingen" (Kamerstukken II 2025/26, '
        '22112, nr. 4363) or "kamerbrief" (Kamerstuk 22 112, nr. 4363).',
        one_of(*STYLES),
    ),
    Setting(
        'kamerstuk_url_base',
        DEFAULT_URL_BASE,
        'Where citations link to: the officielebekendmakingen id and ".html" are appended.',
        web_address,
    ),
    Setting(
        'kamerstuk_ministerie',
        '',
        'The ministry letters are sent from, unless a kamerbrief says otherwise '
        '(":ministerie:"): "Ministerie van Buitenlandse Zaken".',
        text,
    ),
    Setting(
        'kamerstuk_retouradres',
        '',
        'The return address printed above the addressee, unless a kamerbrief says '
        'otherwise: "Postbus 20061 2500 EB Den Haag".',
        text,
    ),
    Setting(
        'kamerstuk_afzender',
        {},
        "The ministry's colophon lines, printed under its name in every letter from "
        'kamerstuk_ministerie: {"bezoekadres": "Rijnstraat 8\\n2515 XP  Den Haag", '
        '"postadres": "Postbus 20061\\n2500 EB  Den Haag", "website": '
        '"www.rijksoverheid.nl"}; also "regels" and "correspondentie".',
        afzender,
    ),
    Setting(
        'kamerstuk_logo',
        '',
        "An image of the ministry's logo (relative to conf.py), centred above the letter "
        'in HTML and PDF instead of the ministry name; none is shipped.',
        text,
    ),
    Setting(
        'kamerstuk_pdf_per_brief',
        False,
        'Also write one LaTeX document (and PDF) per letter, named by its kenmerk or '
        'document name, without latex_documents entries.',
        boolean,
        rebuild='',
    ),
    Setting(
        'kamerstuk_docx_sjabloon',
        '',
        'The Word template (.docx or .dotx, relative to conf.py) whose styles, page layout, '
        'headers and footers the kamerbrief-docx builder uses; empty: the built-in one.',
        text,
        rebuild='',
    ),
    Setting(
        'kamerstuk_zoek_toezeggingen',
        False,
        'Warn (kamerstuk.toezegging_tekst) for every sentence in a letter that commits to '
        'something towards the Kamer and that no toezegging in the same document records.',
        boolean,
    ),
    Setting(
        'kamerstuk_peildatum',
        None,
        'The date toezeggingen are judged at (YYYY-MM-DD); None: today, or the day of '
        'SOURCE_DATE_EPOCH when set, for reproducible builds.',
        iso_date_or_none,
        types=frozenset({str, type(None)}),
    ),
    Setting(
        'kamerstuk_termijnen',
        {},
        'Recess dates per year that deadlines such as "voor het zomerreces" use, overriding '
        "the rules: {'zomerreces': {2026: '2026-07-03'}, 'kerstreces': {2026: '2026-12-18'}}.",
        termijn_rules,
    ),
    Setting(
        'kamerstuk_registers',
        [],
        'Register files written by "sphinx-kamerstuk import-tk" or "import-ek", relative to '
        'conf.py: every entry becomes a toezegging of the project.',
        paths,
        rebuild='',
        types=frozenset({list, tuple}),
    ),
    Setting(
        'kamerstuk_binnenkort_dagen',
        30,
        'How many days ahead a deadline counts as near: the summary above a toezeggingen '
        'table and the line at the end of a build count the open toezeggingen due within '
        'them.',
        days,
        rebuild='',
    ),
    Setting(
        'kamerstuk_waarschuw_verlopen',
        False,
        'Warn (kamerstuk.verlopen) for every open toezegging past its deadline.',
        boolean,
        rebuild='',
    ),
)


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(
            setting.name,
            setting.default,
            setting.rebuild,
            types=setting.types or frozenset({type(setting.default)}),
            description=setting.description,
        )
    # Before Sphinx's own type check (priority 800), so a bad value warns once.
    app.connect('config-inited', validate_config, priority=400)
    app.connect('config-inited', validate_environment, priority=401)


def validate_config(app: Sphinx, config: Config) -> None:
    """Replace every invalid value by its default, with a warning at its line in conf.py."""
    for setting in SETTINGS:
        value = config[setting.name]
        expected = setting.check(value)
        if expected is None:
            continue
        log_warning(
            logger,
            __('invalid %s = %r: expected %s; using %r')
            % (setting.name, value, expected, setting.default),
            'config',
            conf_location(app, setting.name),
        )
        config[setting.name] = setting.default


def source_date_epoch() -> tuple[datetime.date | None, str | None]:
    """The day ``SOURCE_DATE_EPOCH`` names (reproducible builds), or what was expected."""
    epoch = os.environ.get('SOURCE_DATE_EPOCH', '')
    if not epoch:
        return None, None
    if not re.fullmatch(r'[0-9]+', epoch):
        return None, __('a whole number of seconds since 1970, such as 1782864000')
    try:
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date(), None
    except (OverflowError, OSError, ValueError):
        return None, __('a number of seconds before the year 10000')


def validate_environment(app: Sphinx, config: Config) -> None:
    """A ``SOURCE_DATE_EPOCH`` that names no day warns once; the peildatum is then today."""
    if config.kamerstuk_peildatum:
        return
    _day, expected = source_date_epoch()
    if expected is not None:
        log_warning(
            logger,
            __('invalid SOURCE_DATE_EPOCH %r: expected %s; the peildatum is today')
            % (os.environ['SOURCE_DATE_EPOCH'], expected),
            'config',
            None,
        )


def conf_location(app: Sphinx | Builder, name: str) -> str | None:
    """``conf.py:LINE`` of the assignment; ``None`` for a ``-D`` override."""
    if app.confdir is None:
        return None
    conf_py = Path(app.confdir) / 'conf.py'
    try:
        lines = conf_py.read_text(encoding='utf-8').splitlines()
    except OSError:
        return None
    assignment = re.compile(rf'\s*{name}\s*[:=]')
    for lineno, line in enumerate(lines, start=1):
        if assignment.match(line):
            return f'{conf_py}:{lineno}'
    return None
