#!/usr/bin/python3
"""gen_resume_corpus.py [N] [SEED] [PER_DAY] [SAID]: a small JSON Lines corpus for
the resume tests (tests/resume_test.sh) and the long-stream check of
tests/cli_test.sh, on stdout.

Made-up words (no data files needed), so the test runs anywhere: twelve
topics of thirty words, each with three claims of fifteen words and four
names; an article is six to ten sentences of one claim of one topic, dated
by its position (PER_DAY articles a day, 25 by default, from 2024-03-01;
times to the hour). The topics drift
with the position and claims interleave, so stories join, merge, move
members and split; every ninth article is an exact copy of a recent one,
every thirteenth a near copy (four words changed), and every
seventeenth lifts three paragraphs of a recent article (partial reuse).
With SAID=1, articles also say who said what, in English cue words around
the made-up ones: a quote of the topic's claim by one of its speakers
("“...,” said Name Surname."), the claim alleged by another, and a denial
("Name Surname denied the allegations."), each with a probability, so quote
groups, claims, responses and stances are made and carried across batches.
Deterministic for a given N, SEED and SAID.
"""
import datetime
import json
import random
import sys


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    r = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    per_day = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    said = len(sys.argv) > 4 and sys.argv[4] == '1'
    start = datetime.date(2024, 3, 1)

    def word():
        return ''.join(r.choice('bcdfghklmnprstvz') + r.choice('aeiou')
                       for _ in range(r.randint(2, 4)))

    common = [word() for _ in range(150)]
    topics = [([word() for _ in range(30)],
               [[word() for _ in range(15)] for _ in range(3)],
               [word().capitalize() for _ in range(4)]) for _ in range(12)]

    def sentence(t, c):
        vocab, claims, names = topics[t]
        words = []
        for _ in range(r.randint(9, 15)):
            x = r.random()
            words.append(r.choice(vocab) if x < .4 else
                         r.choice(claims[c]) if x < .7 else
                         r.choice(names) if x < .75 else r.choice(common))
        return ' '.join(words).capitalize() + '.'

    speakers = [[word().capitalize() + ' ' + word().capitalize()
                 for _ in range(3)] for _ in range(len(topics))]

    def said_paragraphs(t, c):
        claim = topics[t][1][c]
        who = speakers[t]
        out = []
        if r.random() < .6:
            start = r.randrange(5)
            out.append('\u201c%s,\u201d said %s.' % (
                ' '.join(claim[start:start + 8]).capitalize(), who[c % 3]))
        if r.random() < .5:
            out.append('%s alleged that %s.' % (
                who[(c + 1) % 3], ' '.join(r.sample(claim, 7))))
        if r.random() < .4:
            out.append('%s denied the allegations.' % who[(c + 2) % 3])
        return out

    arts = []
    for i in range(n):
        day = (start + datetime.timedelta(days=i // per_day)).isoformat()
        if i > 20 and i % 9 == 0:
            a = dict(r.choice(arts[-15:]))
            a['published'] = day
        elif i > 20 and i % 13 == 0:
            a = dict(r.choice(arts[-15:]))
            words = a['text'].split(' ')
            for _ in range(4):
                words[r.randrange(len(words))] = r.choice(common)
            a['text'] = ' '.join(words)
        else:
            t = (i // 30 + r.randrange(3)) % len(topics)
            c = 0 if r.random() < .6 else r.randint(1, 2)
            paragraphs = [sentence(t, c) for _ in range(r.randint(6, 10))]
            if said:
                paragraphs[2:2] = said_paragraphs(t, c)
            a = {'title': ' '.join(sentence(t, c).split(' ')[:6]).rstrip('.'),
                 'text': '\n\n'.join(paragraphs),
                 'published': '%sT%02d:00:00' % (day, i % 24)}
            if i > 20 and i % 17 == 0:
                lifted = r.choice(arts[-30:])['text'].split('\n\n')[:3]
                a['text'] += '\n\n' + '\n\n'.join(lifted)
        a['id'] = 'a%04d' % i
        arts.append(a)
    for a in arts:
        print(json.dumps(a))


if __name__ == '__main__':
    main()
