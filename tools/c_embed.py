"""c_embed.py: bytes -> a C string literal, for the generators that embed
files into the build (mkdata.py: data/ into the library; mkassets.py: web/
into the command).
"""


def c_string(data):
    """The bytes as adjacent C string literals, one tab-indented line each,
    broken after newlines and every ~72 columns: printable ASCII as is
    (quote and backslash escaped, '?' octal so no trigraph can form),
    everything else as octal escapes."""
    out = []
    line = '\t"'
    for byte in data:
        if byte == 0x22 or byte == 0x5C:
            piece = "\\" + chr(byte)
        elif 0x20 <= byte < 0x7F and byte != 0x3F:
            piece = chr(byte)
        else:
            piece = "\\%03o" % byte
        line += piece
        if byte == 0x0A or len(line) > 72:
            out.append(line + '"')
            line = '\t"'
    if line != '\t"':
        out.append(line + '"')
    if not out:
        out.append('\t""')
    return "\n".join(out)
