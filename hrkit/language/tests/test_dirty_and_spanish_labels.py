"""The "dirty" family said of people and results, in English and Spanish, and
the Spanish labels built like "drug user"; the same words said of things pass."""

import pytest

from hrkit.language.services import check_text


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Participants who are dirty lose take-homes.", "dirty"),
        ("Her urine was dirty again.", "dirty"),
        ("The test was dirty for fentanyl.", "dirty"),
        ("El paciente está sucio desde enero.", "es-limpio"),
        ("La muestra salió sucia.", "es-limpio"),
        ("Dio limpia en la última prueba.", "es-limpio"),
        ("Muestras sucias en el programa.", "es-limpio"),
        ("Servicios para usuarios de drogas.", "es-usuario"),
        ("Una consumidora de drogas pidió ayuda.", "es-usuario"),
        ("Usuarios de drogas inyectables en la ciudad.", "es-usuario"),
    ],
)
def test_said_of_people_or_results_it_is_found(text, rule):
    assert [f.rule.id for f in check_text(text)] == [rule]


@pytest.mark.parametrize(
    "text",
    [
        "The children who were dirty from the mud washed up.",
        "Volunteers who were dirty with paint cleaned up.",
        "Jeringas limpias y agua sucia para cada visita.",
        "La jeringa está limpia.",
        "El piso está sucio y la cocina estaba sucia.",
        "Personas que usan drogas y personas que se inyectan drogas.",
    ],
)
def test_said_of_things_it_is_not(text):
    assert check_text(text) == []
