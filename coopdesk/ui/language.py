"""The UI language: our gettext catalogs plus Qt's own translations for its standard buttons and dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from coopdesk import i18n

_installed: list[QTranslator] = []


def install_qt_translator(lang: str) -> bool:
    """Swap in `qtbase_<lang>` (OK/Cancel, file dialogs…); True when Qt ships that translation."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    while _installed:
        app.removeTranslator(_installed.pop())
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{lang}", folder):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def apply_language(lang: str | None) -> str:
    """Make `lang` the language of messages, formatting, Qt's widgets and Qt's locale; returns it."""
    lang = i18n.set_language(lang)
    QLocale.setDefault(QLocale(i18n.LOCALES[lang]))
    install_qt_translator(lang)
    return lang
