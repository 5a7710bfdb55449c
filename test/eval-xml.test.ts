import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentReference, formatDetections, parseFeatures } from '../src/eval/pan/xml.js';

describe('PAN XML', () => {
  it('reads plagiarism features with attributes in any order and ignores other features', () => {
    const xml = [
      '<document  reference="suspicious-document00042.txt">',
      '\t<feature  name="about" authors="someone" language="en" />',
      '\t<feature this_length="12" name="plagiarism" source_offset=\'7\' this_offset="3"',
      '    source_reference="source-document00009.txt" obfuscation="none" source_length="15"/>',
      '</document>',
    ].join('\n');
    assert.equal(documentReference(xml), 'suspicious-document00042.txt');
    assert.deepEqual(parseFeatures(xml, 'plagiarism'), [
      {
        susp: 'suspicious-document00042.txt',
        src: 'source-document00009.txt',
        thisOffset: 3,
        thisLength: 12,
        srcOffset: 7,
        srcLength: 15,
      },
    ]);
    assert.deepEqual(parseFeatures(xml, 'detected-plagiarism'), []);
  });

  it('rejects a feature with a bad offset', () => {
    const xml = '<document reference="s.txt"><feature name="plagiarism" this_offset="x" this_length="1" source_reference="r.txt" source_offset="0" source_length="1"/></document>';
    assert.throws(() => parseFeatures(xml, 'plagiarism'), /this_offset/);
  });

  it('rejects a truncated feature tag instead of reading no cases', () => {
    const truncated = '<document reference="s.txt">\n<feature name="plagiarism" this_offset="1" this_length="2"';
    assert.throws(() => parseFeatures(truncated, 'plagiarism'), /unterminated <feature> tag/);
    const merged =
      '<document reference="s.txt">\n<feature name="plagiarism" this_offset="1"\n' +
      '<feature name="plagiarism" this_offset="1" this_length="2" source_reference="r.txt" source_offset="0" source_length="1"/>\n</document>';
    assert.throws(() => parseFeatures(merged, 'plagiarism'), /unterminated <feature> tag/);
  });

  it('writes PAN detection XML and reads it back', () => {
    const detection = { susp: 's&1.txt', src: 'r"1.txt', thisOffset: 1, thisLength: 2, srcOffset: 3, srcLength: 4 };
    const xml = formatDetections('s&1.txt', [detection]);
    assert.equal(
      xml,
      '<document reference="s&amp;1.txt">\n' +
        '<feature name="detected-plagiarism" this_offset="1" this_length="2" source_reference="r&quot;1.txt" source_offset="3" source_length="4" />\n' +
        '</document>\n',
    );
    assert.deepEqual(parseFeatures(xml, 'detected-plagiarism'), [detection]);
  });

  it('writes an empty document element when nothing was detected', () => {
    assert.equal(formatDetections('s.txt', []), '<document reference="s.txt">\n</document>\n');
  });
});
