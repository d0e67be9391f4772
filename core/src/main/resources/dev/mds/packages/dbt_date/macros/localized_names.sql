{#-
  Day and month names in other languages, for day_name and month_name's `language` argument (the
  languages dbt_date knows). The names are the Unicode CLDR stand-alone forms as Java ships them,
  abbreviations without their trailing period; a `language` of "default" means English.
-#}

{#- The names of one language: weekdays and months, each 'long' and 'short', Monday and January first. -#}
{% macro localized_names(language) -%}
{%- set names = {
    'en': {
        'weekdays': {'long': ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
                     'short': ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']},
        'months': {'long': ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
                   'short': ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']}},
    'nl': {
        'weekdays': {'long': ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
                     'short': ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo']},
        'months': {'long': ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
                   'short': ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']}},
    'de': {
        'weekdays': {'long': ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'],
                     'short': ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']},
        'months': {'long': ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
                   'short': ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez']}},
    'fr': {
        'weekdays': {'long': ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
                     'short': ['lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim']},
        'months': {'long': ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
                   'short': ['janv', 'févr', 'mars', 'avr', 'mai', 'juin', 'juil', 'août', 'sept', 'oct', 'nov', 'déc']}},
    'es': {
        'weekdays': {'long': ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
                     'short': ['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom']},
        'months': {'long': ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
                   'short': ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic']}},
    'it': {
        'weekdays': {'long': ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'],
                     'short': ['lun', 'mar', 'mer', 'gio', 'ven', 'sab', 'dom']},
        'months': {'long': ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
                   'short': ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic']}},
    'pt': {
        'weekdays': {'long': ['segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado', 'domingo'],
                     'short': ['seg', 'ter', 'qua', 'qui', 'sex', 'sáb', 'dom']},
        'months': {'long': ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
                   'short': ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez']}},
    'pl': {
        'weekdays': {'long': ['poniedziałek', 'wtorek', 'środa', 'czwartek', 'piątek', 'sobota', 'niedziela'],
                     'short': ['pon', 'wt', 'śr', 'czw', 'pt', 'sob', 'niedz']},
        'months': {'long': ['styczeń', 'luty', 'marzec', 'kwiecień', 'maj', 'czerwiec', 'lipiec', 'sierpień', 'wrzesień', 'październik', 'listopad', 'grudzień'],
                   'short': ['sty', 'lut', 'mar', 'kwi', 'maj', 'cze', 'lip', 'sie', 'wrz', 'paź', 'lis', 'gru']}},
    'da': {
        'weekdays': {'long': ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'],
                     'short': ['man', 'tir', 'ons', 'tor', 'fre', 'lør', 'søn']},
        'months': {'long': ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
                   'short': ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']}},
    'sv': {
        'weekdays': {'long': ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
                     'short': ['mån', 'tis', 'ons', 'tors', 'fre', 'lör', 'sön']},
        'months': {'long': ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
                   'short': ['jan', 'feb', 'mars', 'apr', 'maj', 'juni', 'juli', 'aug', 'sep', 'okt', 'nov', 'dec']}},
    'tr': {
        'weekdays': {'long': ['Pazartesi', 'Salı', 'Çarşamba', 'Perşembe', 'Cuma', 'Cumartesi', 'Pazar'],
                     'short': ['Pzt', 'Sal', 'Çar', 'Per', 'Cum', 'Cmt', 'Paz']},
        'months': {'long': ['Ocak', 'Şubat', 'Mart', 'Nisan', 'Mayıs', 'Haziran', 'Temmuz', 'Ağustos', 'Eylül', 'Ekim', 'Kasım', 'Aralık'],
                   'short': ['Oca', 'Şub', 'Mar', 'Nis', 'May', 'Haz', 'Tem', 'Ağu', 'Eyl', 'Eki', 'Kas', 'Ara']}},
    'cs': {
        'weekdays': {'long': ['pondělí', 'úterý', 'středa', 'čtvrtek', 'pátek', 'sobota', 'neděle'],
                     'short': ['po', 'út', 'st', 'čt', 'pá', 'so', 'ne']},
        'months': {'long': ['leden', 'únor', 'březen', 'duben', 'květen', 'červen', 'červenec', 'srpen', 'září', 'říjen', 'listopad', 'prosinec'],
                   'short': ['led', 'úno', 'bře', 'dub', 'kvě', 'čvn', 'čvc', 'srp', 'zář', 'říj', 'lis', 'pro']}},
    'fi': {
        'weekdays': {'long': ['maanantai', 'tiistai', 'keskiviikko', 'torstai', 'perjantai', 'lauantai', 'sunnuntai'],
                     'short': ['ma', 'ti', 'ke', 'to', 'pe', 'la', 'su']},
        'months': {'long': ['tammikuu', 'helmikuu', 'maaliskuu', 'huhtikuu', 'toukokuu', 'kesäkuu', 'heinäkuu', 'elokuu', 'syyskuu', 'lokakuu', 'marraskuu', 'joulukuu'],
                   'short': ['tammi', 'helmi', 'maalis', 'huhti', 'touko', 'kesä', 'heinä', 'elo', 'syys', 'loka', 'marras', 'joulu']}}
} -%}
{%- set key = 'en' if language == 'default' else language -%}
{%- if key not in names -%}
  {%- do exceptions.raise_compiler_error("dbt_date: no day and month names for language '" ~ language
      ~ "'; known: " ~ (names.keys() | sort | join(', '))) -%}
{%- endif -%}
{{ return(names[key]) }}
{%- endmacro %}

{#- dbt_date's shape of the names: {'long': {'1': ..., '2': ...}, 'short': {...}} for datepart 'weekdays' (1 = Monday) or 'months'. -#}
{% macro get_localized_datepart_names(language, datepart) -%}
  {{ return(adapter.dispatch('get_localized_datepart_names', 'dbt_date')(language, datepart)) }}
{%- endmacro %}

{% macro default__get_localized_datepart_names(language, datepart) -%}
{%- set part = dbt_date.localized_names(language)[datepart] -%}
{%- set shaped = {'long': {}, 'short': {}} -%}
{%- for form in ['long', 'short'] -%}
  {%- for name in part[form] -%}{%- do shaped[form].update({'' ~ loop.index: name}) -%}{%- endfor -%}
{%- endfor -%}
{{ return(shaped) }}
{%- endmacro %}

{% macro day_name_localized(date, short=True, language="default") -%}
  {{ return(adapter.dispatch('day_name_localized', 'dbt_date')(date, short, language)) }}
{%- endmacro %}

{% macro default__day_name_localized(date, short=True, language="default") -%}
{%- set names = dbt_date.localized_names(language)['weekdays']['short' if short else 'long'] -%}
case date_part('isodow', {{ date }}){% for name in names %} when {{ loop.index }} then '{{ name | replace("'", "''") }}'{% endfor %} end
{%- endmacro %}

{% macro month_name_localized(date, short=True, language="default") -%}
  {{ return(adapter.dispatch('month_name_localized', 'dbt_date')(date, short, language)) }}
{%- endmacro %}

{% macro default__month_name_localized(date, short=True, language="default") -%}
{%- set names = dbt_date.localized_names(language)['months']['short' if short else 'long'] -%}
case date_part('month', {{ date }}){% for name in names %} when {{ loop.index }} then '{{ name | replace("'", "''") }}'{% endfor %} end
{%- endmacro %}
