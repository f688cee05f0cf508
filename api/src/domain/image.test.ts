import { describe, expect, it } from 'vitest';
import { imageRefId, imageRefsIn, imagesMissingAlt } from './image.js';

describe('image references', () => {
  it('reads ids from image: sources only', () => {
    expect(imageRefId('image:img_0123456789abcdef')).toBe('img_0123456789abcdef');
    expect(imageRefId('image:img_0123')).toBeUndefined();
    expect(imageRefId('https://x/img_0123456789abcdef')).toBeUndefined();
    expect(
      imageRefsIn(
        '![a](image:img_0123456789abcdef) ![b]( image:img_fedcba9876543210) ![c](image:img_0123456789abcdef)',
      ),
    ).toEqual(['img_0123456789abcdef', 'img_fedcba9876543210']);
  });

  it('lists images without alt text and references to images the review lacks', () => {
    const images = [
      { id: 'img_0000000000000001', alt: 'A camera' },
      { id: 'img_0000000000000002', alt: '  ' },
    ];
    expect(imagesMissingAlt(images, '![x](image:img_0000000000000001)')).toEqual([
      { field: 'images.img_0000000000000002.alt', message: 'alt text describing the photo' },
    ]);
    expect(imagesMissingAlt([images[0]!], '![x](image:img_00000000000000ff)')).toEqual([
      { field: 'body', message: 'references image img_00000000000000ff, which this review lacks' },
    ]);
    expect(imagesMissingAlt([images[0]!], 'no photos')).toEqual([]);
  });
});
