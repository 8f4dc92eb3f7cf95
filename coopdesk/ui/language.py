"""The UI language: our gettext catalogs plus Qt's own translations for its standard buttons and dialogs."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from coopdesk import i18n

_installed: list[QTranslator] = []

# Qt's Spanish is Spain's; the councils say "archivo" where Spain says "fichero".
_VENEZUELAN_WORDS = {"fichero": "archivo", "ficheros": "archivos", "Fichero": "Archivo", "Ficheros": "Archivos"}
_SPAIN_WORD = re.compile(r"\b(" + "|".join(_VENEZUELAN_WORDS) + r")\b")
# What Qt's Spanish catalog leaves in English (or garbles) in the file dialog, which shows it beside Spanish.
_QT_SPANISH = {
    ("QFileDialog", "&Look in:"): "&Buscar en:",
    ("QFileDialog", "Files of &type:"): "Archivos de &tipo:",
    ("QFileDialog", "Go to the parent directory"): "Ir a la carpeta superior",
    ("QFileDialog", "Show &hidden files"): "Mostrar los archivos &ocultos",
}


class _QtTranslator(QTranslator):
    """Qt's own translation, in the words of Venezuela for Spanish."""

    def __init__(self, parent: QCoreApplication, *, venezuelan: bool) -> None:
        super().__init__(parent)
        self.venezuelan = venezuelan

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        if self.venezuelan and (context, source) in _QT_SPANISH:
            return _QT_SPANISH[context, source]
        text = super().translate(context, source, disambiguation, n)
        if not text:
            return None  # untranslated: Qt goes on to the next translator, or the source text
        return _SPAIN_WORD.sub(lambda found: _VENEZUELAN_WORDS[found.group(1)], text) if self.venezuelan else text


def install_qt_translator(lang: str) -> bool:
    """Swap in `qtbase_<lang>` (OK/Cancel, file dialogs…); True when Qt ships that translation."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    while _installed:
        app.removeTranslator(_installed.pop())
    translator = _QtTranslator(app, venezuelan=lang == "es")
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
